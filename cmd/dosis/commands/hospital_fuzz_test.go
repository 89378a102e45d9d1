package commands

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseHospitalFileRefuses: the inputs that made dosis hospital import
// panic ("out of range index passed to FieldPos") now give a usage error
// that names the problem, and nothing is parsed.
func TestParseHospitalFileRefuses(t *testing.T) {
	stin, err := os.ReadFile(filepath.Join("..", "..", "..", "medcom", "testdata", "hn-stin.xml"))
	if err != nil {
		t.Fatal(err)
	}
	stinJSON, err := os.ReadFile(filepath.Join("..", "..", "..", "medcom", "testdata", "hn-stin.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, in, want string
	}{
		{"xml", string(stin), "dosis medcom receive"},
		{"json", string(stinJSON), "dosis medcom receive"},
		{"quote in the first field", "\"HN-1;010145-1236;admission;16-03-2026 18:30;AAUH\n", "line 1"},
		{"bare quote", "HN\"1;010145-1236;admission;16-03-2026 18:30;AAUH\n", "bare \""},
		{"quote after a good line", "HN-1;010145-1236;admission;16-03-2026 18:30;AAUH\n\"x;y\n", "line 2"},
		{"too large", strings.Repeat("x", maxHospitalFileBytes+1), "larger than 10 MiB"},
		{"too many rows", strings.Repeat("HN;x;leave;16-03-2026 18:30;A\n", maxHospitalRows+1), "more than 100000 rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := parseHospitalFile(strings.NewReader(tc.in))
			var ue usageError
			if rows != nil || !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("rows %d, error %v; want a usage error with %q", len(rows), err, tc.want)
			}
		})
	}
}

// FuzzParseHospitalFile: no input makes the CSV hospital import panic; it
// gives rows or a usage error. Seeds that found the FieldPos panic are in
// testdata/fuzz/FuzzParseHospitalFile.
func FuzzParseHospitalFile(f *testing.F) {
	for _, name := range []string{"hospital_good.csv", "hospital_bad.csv", "hospital_unknown_cpr.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := parseHospitalFile(bytes.NewReader(b))
		var ue usageError
		if err != nil && !errors.As(err, &ue) {
			t.Fatalf("not a usage error: %v", err)
		}
		if err == nil && len(rows) == 0 {
			t.Fatalf("no rows and no error")
		}
	})
}
