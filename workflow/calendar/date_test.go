package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestDayOfAroundMidnight: the Danish day of 23:30 and 00:30 Danish time,
// in winter (UTC+1) and summer (UTC+2), whatever the instant's location.
func TestDayOfAroundMidnight(t *testing.T) {
	tests := []struct {
		name string
		utc  time.Time
		want Date
	}{
		{"winter 23:30", time.Date(2026, 11, 30, 22, 30, 0, 0, time.UTC), NewDate(2026, 11, 30)},
		{"winter 00:30", time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), NewDate(2026, 12, 1)},
		{"summer 23:30", time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC), NewDate(2026, 6, 30)},
		{"summer 00:30", time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), NewDate(2026, 7, 1)},
		{"new year 00:30", time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), NewDate(2027, 1, 1)},
	}
	for _, tt := range tests {
		for _, loc := range []*time.Location{time.UTC, Copenhagen(), time.FixedZone("X", -11*3600)} {
			if got := DayOf(tt.utc.In(loc)); got != tt.want {
				t.Errorf("%s in %s: DayOf = %v, want %v", tt.name, loc, got, tt.want)
			}
		}
		d := tt.want
		if in := tt.utc; in.Before(d.Start()) || !in.Before(d.StartOfNext()) {
			t.Errorf("%s: %v is not in [%v, %v)", tt.name, in, d.Start(), d.StartOfNext())
		}
	}
	if !DayOf(time.Time{}).IsZero() || Today(time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)) != NewDate(2026, 12, 1) {
		t.Error("DayOf of the zero time, or Today, is wrong")
	}
}

func TestDateArithmetic(t *testing.T) {
	d := NewDate
	tests := []struct {
		name      string
		got, want Date
	}{
		{"2 years from 29 February end on 28 February", d(2028, 2, 29).AddYears(2), d(2030, 2, 28)},
		{"4 years from 29 February", d(2028, 2, 29).AddYears(4), d(2032, 2, 29)},
		{"24 months from 29 February", d(2028, 2, 29).AddMonths(24), d(2030, 2, 28)},
		{"a month from 31 January", d(2027, 1, 31).AddMonths(1), d(2027, 2, 28)},
		{"a month back from 31 March", d(2028, 3, 31).AddMonths(-1), d(2028, 2, 29)},
		{"12 months back", d(2026, 12, 1).AddMonths(-12), d(2025, 12, 1)},
		{"75 years back from 29 February", d(2028, 2, 29).AddYears(-75), d(1953, 2, 28)},
		{"days over New Year", d(2026, 12, 30).AddDays(3), d(2027, 1, 2)},
		{"days back over a leap day", d(2028, 3, 1).AddDays(-1), d(2028, 2, 29)},
		{"week start of a Sunday", d(2026, 3, 1).WeekStart(), d(2026, 2, 23)},
		{"week start of a Monday", d(2026, 3, 2).WeekStart(), d(2026, 3, 2)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if n := d(2030, 2, 28).Sub(d(2028, 2, 29)); n != 730 {
		t.Errorf("Sub = %d, want 730", n)
	}
	if n := d(1858, 1, 1).Sub(d(2057, 12, 31)); n != -73048 {
		t.Errorf("Sub over two centuries = %d", n)
	}
	if !d(2026, 1, 1).Before(d(2026, 1, 2)) || !d(2026, 2, 1).After(d(2026, 1, 31)) || d(2026, 1, 1).Compare(d(2026, 1, 1)) != 0 {
		t.Error("ordering is wrong")
	}
	if d(2026, 11, 27).Weekday() != time.Friday {
		t.Error("27-11-2026 is a Friday")
	}
}

func TestAge(t *testing.T) {
	d := NewDate
	tests := []struct {
		birth, on Date
		want      int
	}{
		{d(2011, 3, 1), d(2026, 2, 28), 14},
		{d(2011, 3, 1), d(2026, 3, 1), 15},
		{d(1953, 3, 1), d(2028, 2, 29), 74},
		{d(1953, 2, 28), d(2028, 2, 29), 75},
		{d(1996, 2, 29), d(2025, 2, 28), 28}, // a year older on 1 March in common years
		{d(1996, 2, 29), d(2025, 3, 1), 29},
		{d(1996, 2, 29), d(2024, 2, 29), 28},
	}
	for _, tt := range tests {
		if got := Age(tt.birth, tt.on); got != tt.want {
			t.Errorf("Age(%v, %v) = %d, want %d", tt.birth, tt.on, got, tt.want)
		}
	}
}

func TestISOWeekStart(t *testing.T) {
	for _, tt := range []struct {
		year, week int
		want       Date
	}{{2026, 1, NewDate(2025, 12, 29)}, {2026, 53, NewDate(2026, 12, 28)}, {2027, 10, NewDate(2027, 3, 8)}} {
		if got, err := ISOWeekStart(tt.year, tt.week); err != nil || got != tt.want {
			t.Errorf("ISOWeekStart(%d, %d) = %v, %v; want %v", tt.year, tt.week, got, err, tt.want)
		}
	}
	for _, w := range [][2]int{{2027, 53}, {2026, 0}, {2026, 54}} {
		if _, err := ISOWeekStart(w[0], w[1]); err == nil {
			t.Errorf("ISOWeekStart(%d, %d): want an error", w[0], w[1])
		}
	}
}

// TestScanValue: what each driver hands back for a DATE column becomes the
// same Date, and a Date is written as 'YYYY-MM-DD' (zero as NULL).
func TestScanValue(t *testing.T) {
	want := NewDate(2026, 12, 1)
	for _, src := range []any{
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), // pgx, modernc for a declared DATE
		"2026-12-01", []byte("2026-12-01"), "2026-12-01 00:00:00+00:00", "2026-12-01T00:00:00Z",
	} {
		var got Date
		if err := got.Scan(src); err != nil || got != want {
			t.Errorf("Scan(%#v) = %v, %v", src, got, err)
		}
	}
	var z Date
	if err := z.Scan(nil); err != nil || !z.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", z, err)
	}
	for _, bad := range []any{"2026-13-01", "01-12", 42} {
		if err := z.Scan(bad); err == nil {
			t.Errorf("Scan(%#v): want an error", bad)
		}
	}
	if v, err := want.Value(); err != nil || v != "2026-12-01" {
		t.Errorf("Value = %v, %v", v, err)
	}
	if v, err := (Date{}).Value(); err != nil || v != nil {
		t.Errorf("zero Value = %v, %v; want NULL", v, err)
	}
}

func TestJSON(t *testing.T) {
	type row struct {
		Born Date `json:"born"`
		None Date `json:"none"`
	}
	b, err := json.Marshal(row{Born: NewDate(1953, 3, 1)})
	if err != nil || string(b) != `{"born":"1953-03-01","none":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back row
	if err := json.Unmarshal(b, &back); err != nil || back.Born != NewDate(1953, 3, 1) || !back.None.IsZero() {
		t.Errorf("Unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"born":"31-04-2026"}`), &back); err == nil || !strings.Contains(err.Error(), "31-04-2026") {
		t.Errorf("Unmarshal of a bad date: %v", err)
	}
}

func TestFormatStringZero(t *testing.T) {
	if (Date{}).String() != "" || (Date{}).Format() != "" || NewDate(2026, 3, 9).Format() != "09-03-2026" {
		t.Error("String/Format of zero or a date is wrong")
	}
}

// TestParseTime covers the Danish local times the web and the CLI accept,
// around midnight in winter and summer.
func TestParseTime(t *testing.T) {
	tests := []struct {
		in       string
		dateOnly bool
		want     time.Time // UTC
	}{
		{"01-12-2026 00:30", false, time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)},
		{"30-11-2026 23:30", false, time.Date(2026, 11, 30, 22, 30, 0, 0, time.UTC)},
		{"01-07-2026 00:30", false, time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC)},
		{"30-06-2026 23:30", false, time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC)},
		{" 1.7.2026 8.05 ", false, time.Date(2026, 7, 1, 6, 5, 0, 0, time.UTC)},
		{"01-07-2026", true, time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, tt.dateOnly)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []struct {
		in, msg string
	}{
		{"01-07-2026", `time "01-07-2026": want dd-mm-yyyy hh:mm`},
		{"01-07-2026 24:00", `time "24:00": want hh:mm (00:00-23:59)`},
		{"01-07-2026 9", `time "9": want hh:mm (00:00-23:59)`},
		{"31-06-2026 10:00", `date "31-06-2026": day 31 is not a day of June 2026`},
	} {
		if _, err := ParseTime(bad.in, false); err == nil || err.Error() != bad.msg {
			t.Errorf("ParseTime(%q) error = %v, want %s", bad.in, err, bad.msg)
		}
	}
	if got, err := ParseDateTime("01-12-2026", "", "08:00"); err != nil || !got.Equal(time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseDateTime with the default clock = %v, %v", got, err)
	}
}

func TestFormatTime(t *testing.T) {
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), "01-12-2026 00:30"},
		{time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC), "30-06-2026 23:30"},
		{time.Time{}, ""},
	} {
		if got := FormatTime(tt.in); got != tt.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
