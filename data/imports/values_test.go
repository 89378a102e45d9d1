package imports

import (
	"testing"
)

func TestParseValues(t *testing.T) {
	numbers := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"24", 24, true}, {"24,0", 24, true}, {"1.234,5", 1234.5, true}, {"24.5", 24.5, true},
		{"1.234.567", 1234567, true}, {" 7 ", 7, true}, {"", 0, false}, {"x", 0, false},
		{"1e3", 0, false}, {"NaN", 0, false}, {"0x10", 0, false}, {"Inf", 0, false},
	}
	for _, tc := range numbers {
		got, rs := parseNumber(tc.in)
		if (rs == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, ok %v", tc.in, got, rs, tc.want, tc.ok)
		}
	}
	if _, rs := parseWhole("24,5", 1, 168); rs == nil {
		t.Error("parseWhole accepted 24,5")
	}
	if _, rs := parseWhole("169", 1, 168); rs == nil {
		t.Error("parseWhole accepted 169 of at most 168")
	}
	for in, want := range map[string]bool{"ja": true, "JA": true, "x": true, "1": true, "nej": false, "N": false, "-": false} {
		if got, rs := parseBool(in); rs != nil || got != want {
			t.Errorf("parseBool(%q) = %v, %v", in, got, rs)
		}
	}
	if _, rs := parseBool("måske"); rs == nil {
		t.Error("parseBool accepted måske")
	}
	cprs := []struct {
		in, want string
		warn     bool
	}{
		{"010145-1003", "0101451003", false},
		{"10145-1003", "0101451003", true},
		{"101451003", "0101451003", true},
		{"0101451236", "0101451236", true}, // modulus-11 fails: a warning only
	}
	for _, tc := range cprs {
		n, warnings, rs := parseCPR(tc.in)
		if rs != nil || n.Digits() != tc.want || (len(warnings) > 0) != tc.warn {
			t.Errorf("parseCPR(%q) = %s, %v, %v", tc.in, n.Digits(), warnings, rs)
		}
	}
	if _, _, rs := parseCPR("320145-1003"); rs == nil {
		t.Error("parseCPR accepted day 32")
	}
	for in, want := range map[string]string{"12345": "012345", "012345": "012345", "7": "000007"} {
		if got, rs := parseYdernummer(in); rs != nil || got != want {
			t.Errorf("parseYdernummer(%q) = %q, %v", in, got, rs)
		}
	}
	for _, bad := range []string{"1234567", "12a45", ""} {
		if _, rs := parseYdernummer(bad); rs == nil {
			t.Errorf("parseYdernummer accepted %q", bad)
		}
	}
	dates := map[string]string{"01-02-2026": "2026-02-01", "1.2.2026": "2026-02-01", "01/02/2026": "2026-02-01", "2026-02-01": "2026-02-01"}
	for in, want := range dates {
		if d, rs := parseDate(in, false); rs != nil || d.String() != want {
			t.Errorf("parseDate(%q) = %v, %v", in, d, rs)
		}
	}
	if d, rs := parseDate("46054", true); rs != nil || d.String() != "2026-02-01" {
		t.Errorf("Excel serial 46054 = %v, %v", d, rs)
	}
}

func TestReadTableDetects(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		sep  rune
		enc  Encoding
		rows int
	}{
		{"semicolon", []byte("a;b\n1;2\n"), ';', UTF8, 1},
		{"comma with quoted semicolon", []byte("a,\"b;c\"\n1,2\n"), ',', UTF8, 1},
		{"tab", []byte("a\tb\n1\t2\n"), '\t', UTF8, 1},
		{"bom, blank lines", []byte("\xef\xbb\xbf\n\na;b\n\n1;2\n;\n"), ';', UTF8BOM, 1},
		{"windows-1252", []byte("navn;by\nS\xf8ren;\xc6r\xf8\n"), ';', Windows1252, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ReadTable(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if tb.Separator != tc.sep || tb.Encoding != tc.enc || len(tb.Rows) != tc.rows {
				t.Fatalf("got %q %s %d rows", tb.Separator, tb.Encoding, len(tb.Rows))
			}
		})
	}
	tb, _ := ReadTable([]byte("navn;by\nS\xf8ren;\xc6r\xf8\n"))
	if tb.Rows[0].Cells[0] != "Søren" || tb.Rows[0].Cells[1] != "Ærø" || tb.Rows[0].Line != 2 {
		t.Errorf("Windows-1252 decoded as %q on line %d", tb.Rows[0].Cells, tb.Rows[0].Line)
	}
	for _, bad := range [][]byte{nil, []byte("\n \n"), []byte("a\x00b"), {0xD0, 0xCF, 0x11, 0xE0, 1}, []byte("PK\x03\x04broken")} {
		if _, err := ReadTable(bad); err == nil {
			t.Errorf("ReadTable(%q) gave no error", bad)
		}
	}
}
