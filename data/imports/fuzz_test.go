package imports

import (
	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow"
)

// FuzzParse feeds random bytes to the importers as a file of each kind. It
// must not panic; it gives either a report in which every problem names its
// line, column and reason, or a clear invalid-input error for the file.
func FuzzParse(f *testing.F) {
	// More seeds are committed in testdata/fuzz/FuzzParse.
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for i, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte("CPR;Navn;Kommune\n\"010145-1003;\"Karen\";851\n"))
	f.Add(uint8(3), []byte("Navn,Kommune,Periode\nA,851,\"14,5\"\n"))
	f.Add(uint8(1), []byte("PK\x03\x04garbage"))
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, kind uint8, b []byte) {
		k := Kinds()[int(kind)%len(Kinds())]
		p, err := Parse(k, b, Options{Now: now, Municipality: int(kind/4%2) * 851})
		if err != nil {
			var we *workflow.Error
			if !errors.As(err, &we) || we.Kind != workflow.KindInvalid || we.Message(i18n.Danish) == "" || we.Message(i18n.English) == "" {
				t.Fatalf("error is not a clear invalid-input error: %v", err)
			}
			return
		}
		rep := p.Report
		for _, pr := range append(rep.Problems, rep.Warnings...) {
			if pr.Line < 1 || pr.Column == "" || pr.ReasonDA == "" || pr.ReasonEN == "" {
				t.Fatalf("problem without line, column or reason: %+v", pr)
			}
			if !strings.Contains(pr.Message(i18n.English), pr.Column) {
				t.Fatalf("message does not name the column: %s", pr.Message(i18n.English))
			}
		}
		if len(rep.Problems) == 0 {
			// Whatever would be written passes the one text rule.
			for _, c := range p.citizens {
				if err := workflow.CheckText(i18n.Key("err.field.name"), c.name, workflow.TextName); err != nil {
					t.Fatalf("a citizen's name would be stored that the text rule refuses: %q: %v", c.name, err)
				}
			}
		}
		if n := len(p.citizens) + len(p.help) + len(p.gps) + len(p.pharmacies); n != rep.Rows {
			t.Fatalf("%d records for %d rows", n, rep.Rows)
		}
	})
}
