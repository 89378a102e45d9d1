package calendar

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"}, // earliest possible
		{1943, "1943-04-25"}, // latest possible
		{1961, "1961-04-02"},
		{2000, "2000-04-23"},
		{2008, "2008-03-23"},
		{2019, "2019-04-21"},
		{2023, "2023-04-09"},
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2028, "2028-04-16"},
		{2029, "2029-04-01"},
		{2030, "2030-04-21"},
		{2038, "2038-04-25"},
		{2285, "2285-03-22"},
	}
	for _, tt := range tests {
		got := Easter(tt.year)
		if got.String() != tt.want || got.Weekday() != time.Sunday {
			t.Errorf("Easter(%d) = %v, want %s", tt.year, got, tt.want)
		}
	}
}

// TestHolidaysFile compares Holidays with testdata/holidays.txt, which
// lists every public holiday of 2023-2030.
func TestHolidaysFile(t *testing.T) {
	f, err := os.Open("testdata/holidays.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[int][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		y, err := strconv.Atoi(line[:4])
		if err != nil {
			t.Fatalf("bad line %q", line)
		}
		want[y] = append(want[y], line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for y := 2023; y <= 2030; y++ {
		var got []string
		for i, h := range Holidays(y) {
			got = append(got, h.Date.String()+" "+h.NameDA)
			if h.NameEN == "" || h.Date.IsZero() {
				t.Errorf("Holidays(%d)[%d] = %+v", y, i, h)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want[y], "\n") {
			t.Errorf("Holidays(%d):\n%s\nwant:\n%s", y, strings.Join(got, "\n"), strings.Join(want[y], "\n"))
		}
	}
}

func TestGreatPrayerDay(t *testing.T) {
	tests := []struct {
		year int
		want string // "" if not a holiday
	}{
		{2000, "2000-05-19"},
		{2022, "2022-05-13"},
		{2023, "2023-05-05"},
		{2024, ""},
		{2025, ""},
		{2100, ""},
	}
	for _, tt := range tests {
		got := ""
		for _, h := range Holidays(tt.year) {
			if h.NameEN == "Great Prayer Day" {
				got = h.Date.String()
			}
		}
		if got != tt.want {
			t.Errorf("Great Prayer Day %d = %q, want %q", tt.year, got, tt.want)
		}
	}
}

func TestHolidaysSorted(t *testing.T) {
	for y := 1900; y <= 2100; y++ {
		hs := Holidays(y)
		want := 11
		if y > 2023 {
			want = 10
		}
		if len(hs) != want {
			t.Errorf("Holidays(%d) has %d holidays, want %d", y, len(hs), want)
		}
		for i := 1; i < len(hs); i++ {
			if !hs[i-1].Date.Before(hs[i].Date) {
				t.Errorf("Holidays(%d) not sorted: %v before %v", y, hs[i-1].Date, hs[i].Date)
			}
		}
	}
}

func TestDefaultExtraClosingDays(t *testing.T) {
	d := DefaultExtraClosingDays()
	got := map[string]bool{}
	for _, c := range d {
		got[NewDate(2026, c.Month, c.Day).String()[5:]+" "+c.NameDA+" / "+c.NameEN] = true
	}
	for _, w := range []string{"12-24 Juleaften / Christmas Eve", "12-31 Nytårsaften / New Year's Eve", "06-05 Grundlovsdag / Constitution Day"} {
		if !got[w] {
			t.Errorf("DefaultExtraClosingDays() lacks %s: %+v", w, d)
		}
	}
	if len(d) != 3 {
		t.Errorf("DefaultExtraClosingDays() = %+v, want 3 days", d)
	}
	d[0].NameDA = "changed"
	if DefaultExtraClosingDays()[0].NameDA == "changed" {
		t.Error("DefaultExtraClosingDays() shares its slice between calls")
	}
}
