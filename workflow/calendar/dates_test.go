package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDateDay(t *testing.T) {
	if got := NewDate(2026, time.February, 29); got != NewDate(2026, 3, 1) || got.String() != "2026-03-01" {
		t.Errorf("NewDate(2026, 2, 29) = %v", got)
	}
	// DayOf reads the instant in Copenhagen, whatever its own location.
	in := time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC)
	if got := DayOf(in); got != NewDate(2026, 1, 1) {
		t.Errorf("DayOf(%v) = %v, want 2026-01-01", in, got)
	}
}

func TestWeek(t *testing.T) {
	tests := []struct {
		date     Date
		year, wk int
		da, en   string
	}{
		{NewDate(2026, 12, 31), 2026, 53, "uge 53", "week 53"},
		{NewDate(2027, 1, 1), 2026, 53, "uge 53", "week 53"},
		{NewDate(2027, 1, 3), 2026, 53, "uge 53", "week 53"},
		{NewDate(2027, 1, 4), 2027, 1, "uge 1", "week 1"},
		{NewDate(2024, 12, 29), 2024, 52, "uge 52", "week 52"},
		{NewDate(2024, 12, 30), 2025, 1, "uge 1", "week 1"},
		{NewDate(2021, 1, 3), 2020, 53, "uge 53", "week 53"},
		{NewDate(2026, 2, 26), 2026, 9, "uge 9", "week 9"},
		{NewDate(2026, 11, 27), 2026, 48, "uge 48", "week 48"},
		// The local date decides: Sunday 23:30 in Copenhagen is still week 9.
		{DayOf(time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC)), 2026, 9, "uge 9", "week 9"},
	}
	for _, tt := range tests {
		y, w := Week(tt.date)
		if y != tt.year || w != tt.wk {
			t.Errorf("Week(%v) = %d, %d; want %d, %d", tt.date, y, w, tt.year, tt.wk)
		}
		for lang, want := range map[string]string{"da": tt.da, "": tt.da, "da-DK": tt.da, "en": tt.en, "en-GB": tt.en, "EN": tt.en} {
			if got := WeekLabel(tt.date, lang); got != want {
				t.Errorf("WeekLabel(%v, %q) = %q, want %q", tt.date, lang, got, want)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		date       Date
		plain      string
		withDA, en string
	}{
		{NewDate(2026, 11, 27), "27-11-2026", "27-11-2026 (uge 48)", "27-11-2026 (week 48)"},
		{NewDate(2027, 1, 1), "01-01-2027", "01-01-2027 (uge 53)", "01-01-2027 (week 53)"},
		{NewDate(5, 3, 9), "09-03-0005", "09-03-0005 (uge 10)", "09-03-0005 (week 10)"},
		{DayOf(time.Date(2026, 3, 2, 22, 59, 0, 0, time.UTC)), "02-03-2026", "02-03-2026 (uge 10)", "02-03-2026 (week 10)"},
	}
	for _, tt := range tests {
		if got := tt.date.Format(); got != tt.plain {
			t.Errorf("Format(%v) = %q, want %q", tt.date, got, tt.plain)
		}
		if got := tt.date.FormatWithWeek("da"); got != tt.withDA {
			t.Errorf("FormatWithWeek(%v, da) = %q, want %q", tt.date, got, tt.withDA)
		}
		if got := tt.date.FormatWithWeek("en"); got != tt.en {
			t.Errorf("FormatWithWeek(%v, en) = %q, want %q", tt.date, got, tt.en)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"27-11-2026", NewDate(2026, 11, 27)},
		{"7-1-2026", NewDate(2026, 1, 7)},
		{"07-1-2026", NewDate(2026, 1, 7)},
		{"27.11.2026", NewDate(2026, 11, 27)},
		{"7.1.2026", NewDate(2026, 1, 7)},
		{"2026-11-27", NewDate(2026, 11, 27)},
		{" 2026-11-27\n", NewDate(2026, 11, 27)},
		{"29-02-2024", NewDate(2024, 2, 29)},
		{"2000-02-29", NewDate(2000, 2, 29)},
		{"31-12-9999", NewDate(9999, 12, 31)},
		{"01-01-0001", NewDate(1, 1, 1)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"31-04-2026", `date "31-04-2026": day 31 is not a day of April 2026`},
		{"29-02-2026", `date "29-02-2026": day 29 is not a day of February 2026`},
		{"29.02.1900", `date "29.02.1900": day 29 is not a day of February 1900`},
		{"2026-02-29", `date "2026-02-29": day 29 is not a day of February 2026`},
		{"00-01-2026", `date "00-01-2026": day 0 is not a day of January 2026`},
		{"01-13-2026", `date "01-13-2026": month 13 is not a month (1-12)`},
		{"2026-00-10", `date "2026-00-10": month 0 is not a month (1-12)`},
		{"01-01-0000", `date "01-01-0000": year 0000 is not a year`},
		{"", `date "": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"27/11/2026", `date "27/11/2026": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"27-11-26", `date "27-11-26": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"27.11-2026", `date "27.11-2026": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"2026.11.27", `date "2026.11.27": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"2026-1-7", `date "2026-1-7": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"27-11-2026-", `date "27-11-2026-": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"+1-11-2026", `date "+1-11-2026": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"27-nov-2026", `date "27-nov-2026": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
		{"2026-11-27T10:00:00Z", `date "2026-11-27T10:00:00Z": want dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", tt.in, got)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseDate(%q) error\n got %s\nwant %s", tt.in, err, tt.want)
		}
		// Written as a date but not a day of the calendar, or not a date's form at all.
		var de *DateError
		noDay := !strings.Contains(tt.want, ": want dd-mm-yyyy")
		if !errors.As(err, &de) || de.NoSuchDay != noDay {
			t.Errorf("ParseDate(%q) error %#v: want a *DateError with NoSuchDay %v", tt.in, err, noDay)
		}
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	for d := NewDate(1999, 12, 1); d.Before(NewDate(2031, 2, 1)); d = d.AddDays(1) {
		for _, s := range []string{d.Format(), d.String(), strings.ReplaceAll(d.Format(), "-", ".")} {
			got, err := ParseDate(s)
			if err != nil || got != d {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", s, got, err, d)
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	// More seeds are committed in testdata/fuzz/FuzzParseDate.
	for _, s := range []string{"27-11-2026", "7.1.2026", "2026-11-27", "31-04-2026", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() || !strings.HasPrefix(err.Error(), "date ") {
				t.Fatalf("ParseDate(%q) = %v, %v", s, d, err)
			}
			return
		}
		if DayOf(d.Start()) != d || DayOf(d.StartOfNext()) != d.AddDays(1) {
			t.Fatalf("ParseDate(%q) = %v: Start and StartOfNext are not its Danish day and the next", s, d)
		}
		for _, back := range []string{d.Format(), d.String()} {
			again, err := ParseDate(back)
			if err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %v; ParseDate(%q) = %v, %v", s, d, back, again, err)
			}
		}
	})
}
