package cpr

import (
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

func date(y int, m time.Month, d int) calendar.Date {
	return calendar.NewDate(y, m, d)
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		birth calendar.Date
		sex   Sex
		mod11 bool
	}{
		// Century digit 0-3: always the 1900s.
		{"d7=0 YY00", "010100-0001", date(1900, 1, 1), Male, true},
		{"d7=3 YY99", "311299-3028", date(1999, 12, 31), Female, true},
		// Century digit 4 and 9: YY <= 36 is 2000s, else 1900s.
		{"d7=4 YY36", "010136-4003", date(2036, 1, 1), Male, true},
		{"d7=4 YY37", "010137-4068", date(1937, 1, 1), Female, true},
		{"d7=9 YY36", "010136-9048", date(2036, 1, 1), Female, true},
		{"d7=9 YY37", "010137-9019", date(1937, 1, 1), Male, true},
		// Century digit 5-8: YY <= 57 is 2000s, else 1858-1899.
		{"d7=5 YY00", "010100-5003", date(2000, 1, 1), Male, true},
		{"d7=5 YY57", "010157-5039", date(2057, 1, 1), Male, true},
		{"d7=5 YY58", "010158-5018", date(1858, 1, 1), Female, true},
		{"d7=8 YY57", "010157-8038", date(2057, 1, 1), Female, true},
		{"d7=8 YY58", "010158-8009", date(1858, 1, 1), Male, true},
		{"d7=8 YY99", "311299-8003", date(1899, 12, 31), Male, true},
		// Leap days.
		{"29 Feb 2000", "290200-4001", date(2000, 2, 29), Male, true},
		{"29 Feb 2000 d7=5", "290200-5000", date(2000, 2, 29), Female, false},
		{"29 Feb 1996", "290296-1049", date(1996, 2, 29), Male, true},
		{"29 Feb 1860", "290260-6028", date(1860, 2, 29), Female, true},
		{"29 Feb 2056", "290256-5001", date(2056, 2, 29), Male, false},
		{"29 Jan 1900", "290100-0001", date(1900, 1, 29), Male, false},
		// Spelling.
		{"no hyphen", "0101000001", date(1900, 1, 1), Male, true},
		{"spaces", "  010100-0001 ", date(1900, 1, 1), Male, true},
		{"tab newline", "\t0101000001\n", date(1900, 1, 1), Male, true},
		// Modulus-11 failures are valid numbers.
		{"mod11 fails male", "010100-0003", date(1900, 1, 1), Male, false},
		{"mod11 fails female", "070761-4046", date(1961, 7, 7), Female, false},
		{"mod11 holds", "070761-4005", date(1961, 7, 7), Male, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := n.BirthDate(); got != tt.birth {
				t.Errorf("BirthDate() = %v, want %v", got, tt.birth)
			}
			if got := n.Sex(); got != tt.sex {
				t.Errorf("Sex() = %q, want %q", got, tt.sex)
			}
			if got := n.Mod11Valid(); got != tt.mod11 {
				t.Errorf("Mod11Valid() = %v, want %v", got, tt.mod11)
			}
			w := n.Warnings()
			if tt.mod11 && len(w) != 0 {
				t.Errorf("Warnings() = %q, want none", w)
			}
			if !tt.mod11 && (len(w) != 1 || !strings.Contains(w[0], "modulus-11") || !strings.Contains(w[0], "Modulus 11") || !strings.Contains(w[0], "still valid")) {
				t.Errorf("Warnings() = %q, want one Danish/English modulus-11 warning", w)
			}
			digits := strings.ReplaceAll(strings.TrimSpace(tt.in), "-", "")
			if got := n.Digits(); got != digits {
				t.Errorf("Digits() = %q, want %q", got, digits)
			}
			if got, want := n.String(), digits[:6]+"-"+digits[6:]; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			if got, want := n.Masked(), digits[:6]+"-XXXX"; got != want {
				t.Errorf("Masked() = %q, want %q", got, want)
			}
			if n.IsZero() {
				t.Error("IsZero() = true for a parsed number")
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the full error message
	}{
		{"day 32", "320186-1234", `CPR "320186-1234": day 32 is not a day of January 1986`},
		{"day 0", "000186-1234", `CPR "000186-1234": day 0 is not a day of January 1986`},
		{"31 April", "310486-1234", `CPR "310486-1234": day 31 is not a day of April 1986`},
		{"month 13", "011386-1234", `CPR "011386-1234": month 13 is not a month (01-12)`},
		{"month 0", "010086-1234", `CPR "010086-1234": month 0 is not a month (01-12)`},
		{"29 Feb 1900", "290200-0001", `CPR "290200-0001": day 29 is not a day of February 1900`},
		{"29 Feb 1997", "290297-1234", `CPR "290297-1234": day 29 is not a day of February 1997`},
		{"29 Feb 1858", "290258-5001", `CPR "290258-5001": day 29 is not a day of February 1858`},
		{"replacement number", "610186-1234", `CPR "610186-1234": day 61 is not a day of January 1986 (replacement numbers with 60 added to the day are not supported)`},
		{"empty", "", `CPR "": empty, want DDMMYY-SSSS or DDMMYYSSSS`},
		{"blank", "   ", `CPR "": empty, want DDMMYY-SSSS or DDMMYYSSSS`},
		{"too short", "010186-123", `CPR "010186-123": with a hyphen it must be DDMMYY-SSSS (11 characters), got 10 characters`},
		{"too short no hyphen", "010186123", `CPR "010186123": want DDMMYY-SSSS or DDMMYYSSSS, got 9 characters`},
		{"too long", "010186-12345", `CPR "010186-12345": want DDMMYY-SSSS or DDMMYYSSSS, got 12 characters`},
		{"too long no hyphen", "01018612345", `CPR "01018612345": character 7 is '1', want '-' (DDMMYY-SSSS)`},
		{"letter", "01018A-1234", `CPR "01018A-1234": character 6 is 'A', not a digit`},
		{"letter at end", "010186-123x", `CPR "010186-123x": character 11 is 'x', not a digit`},
		{"wrong separator", "010186/1234", `CPR "010186/1234": character 7 is '/', want '-' (DDMMYY-SSSS)`},
		{"space separator", "010186 1234", `CPR "010186 1234": character 7 is ' ', want '-' (DDMMYY-SSSS)`},
		{"misplaced hyphen", "01018-61234", `CPR "01018-61234": character 7 is '6', want '-' (DDMMYY-SSSS)`},
		{"full-width digits", "０１０１８６１２３４", `CPR "０１０１８６１２３４": character 1 is '０', not a digit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error", tt.in, n)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.in, err, tt.want)
			}
			if !n.IsZero() {
				t.Errorf("Parse(%q) returned non-zero Number %v with error", tt.in, n)
			}
		})
	}
}

func TestZeroNumber(t *testing.T) {
	var n Number
	if !n.IsZero() || n.String() != "" || n.Digits() != "" || n.Masked() != "" ||
		!n.BirthDate().IsZero() || n.Sex() != "" || n.Mod11Valid() || n.Warnings() != nil || n.Age(calendar.Today(time.Now())) != 0 {
		t.Errorf("zero Number methods did not return zero values")
	}
}

func TestAge(t *testing.T) {
	tests := []struct {
		cpr  string
		at   calendar.Date
		want int
	}{
		{"070761-4005", date(2026, 7, 6), 64},
		{"070761-4005", date(2026, 7, 7), 65},
		{"070761-4005", date(2026, 12, 31), 65},
		{"070761-4005", date(1961, 7, 7), 0},
		{"070761-4005", date(1960, 1, 1), 0},
		// Born 29 February: a year older on 1 March in common years.
		{"290296-1049", date(2025, 2, 28), 28},
		{"290296-1049", date(2025, 3, 1), 29},
		{"290296-1049", date(2024, 2, 29), 28},
		// The Danish day: 23:30 UTC on 6 July is 7 July in Copenhagen.
		{"070761-4005", calendar.DayOf(time.Date(2026, 7, 6, 23, 30, 0, 0, time.UTC)), 65},
	}
	for _, tt := range tests {
		n, err := Parse(tt.cpr)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Age(tt.at); got != tt.want {
			t.Errorf("%s.Age(%v) = %d, want %d", tt.cpr, tt.at, got, tt.want)
		}
	}
}

func TestFHIRSystem(t *testing.T) {
	if FHIRSystem != "urn:oid:1.2.208.176.1.2" {
		t.Errorf("FHIRSystem = %q", FHIRSystem)
	}
}
