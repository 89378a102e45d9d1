package calendar

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// pharmacy is a calendar with the default extra closing days and a
// one-off closed date for stocktaking on Wednesday 30 December 2026.
func pharmacy() Calendar {
	return New(DefaultExtraClosingDays(), []Date{NewDate(2026, 12, 30)})
}

func TestIsClosed(t *testing.T) {
	plain, ph := Calendar{}, pharmacy()
	tests := []struct {
		date        Date
		plainWhy    string // "" if open in the plain calendar
		pharmacyWhy string // "" if open in the pharmacy calendar
	}{
		{NewDate(2026, 11, 27), "", ""}, // a Friday
		{NewDate(2026, 11, 28), "lørdag", "lørdag"},
		{NewDate(2026, 11, 29), "søndag", "søndag"},
		{NewDate(2026, 1, 1), "Nytårsdag", "Nytårsdag"},
		{NewDate(2026, 4, 2), "Skærtorsdag", "Skærtorsdag"},
		{NewDate(2026, 4, 3), "Langfredag", "Langfredag"},
		{NewDate(2026, 4, 4), "lørdag", "lørdag"},
		{NewDate(2026, 4, 5), "Påskedag", "Påskedag"},
		{NewDate(2026, 4, 6), "2. påskedag", "2. påskedag"},
		{NewDate(2026, 5, 1), "", ""}, // Easter + 26 in 2026: no longer Store bededag
		{NewDate(2023, 5, 5), "Store bededag", "Store bededag"},
		{NewDate(2024, 4, 26), "", ""}, // would have been Store bededag
		{NewDate(2026, 5, 14), "Kristi himmelfartsdag", "Kristi himmelfartsdag"},
		{NewDate(2026, 5, 24), "Pinsedag", "Pinsedag"},
		{NewDate(2026, 5, 25), "2. pinsedag", "2. pinsedag"},
		{NewDate(2026, 6, 5), "", "Grundlovsdag"},
		{NewDate(2026, 12, 24), "", "Juleaften"},
		{NewDate(2026, 12, 25), "Juledag", "Juledag"},
		{NewDate(2026, 12, 26), "2. juledag", "2. juledag"},
		{NewDate(2026, 12, 30), "", "lukkedag"},
		{NewDate(2027, 12, 30), "", ""}, // the one-off date does not recur
		{NewDate(2026, 12, 31), "", "Nytårsaften"},
		{NewDate(2027, 12, 24), "", "Juleaften"}, // a Friday
		{NewDate(2022, 12, 24), "lørdag", "Juleaften"},
		// The Danish day of an instant: 00:30 on Good Friday in Copenhagen
		// is 22:30 on Maundy Thursday in UTC.
		{DayOf(time.Date(2026, 4, 2, 22, 30, 0, 0, time.UTC)), "Langfredag", "Langfredag"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			cal  Calendar
			want string
		}{{"plain", plain, tt.plainWhy}, {"pharmacy", ph, tt.pharmacyWhy}} {
			closed, why := c.cal.IsClosed(tt.date)
			if closed != (c.want != "") || why != c.want {
				t.Errorf("%s.IsClosed(%v) = %v, %q; want %q", c.name, tt.date, closed, why, c.want)
			}
			if c.cal.IsOpen(tt.date) == closed {
				t.Errorf("%s.IsOpen(%v) = %v, IsClosed = %v", c.name, tt.date, !closed, closed)
			}
		}
	}
}

func TestNewCopies(t *testing.T) {
	extra := DefaultExtraClosingDays()
	dates := []Date{NewDate(2026, 11, 27), NewDate(2026, 11, 27)}
	c := New(extra, dates)
	extra[0].Month, extra[0].Day = time.November, 26
	dates[0] = NewDate(2026, 11, 25)
	if !c.IsOpen(NewDate(2026, 11, 26)) || !c.IsOpen(NewDate(2026, 11, 25)) || c.IsOpen(NewDate(2026, 11, 27)) || c.IsOpen(NewDate(2026, 6, 5)) {
		t.Error("New does not copy its arguments")
	}
	// An impossible closing day never matches; 29 February only in leap years.
	c = New([]ClosingDay{{time.April, 31, "x", "x"}, {time.February, 29, "Skuddag", "Leap day"}}, nil)
	if !c.IsOpen(NewDate(2026, 5, 1)) || !c.IsOpen(NewDate(2027, 3, 1)) {
		t.Error("impossible closing days match")
	}
	if closed, why := c.IsClosed(NewDate(2028, 2, 29)); !closed || why != "Skuddag" {
		t.Errorf("IsClosed(2028-02-29) = %v, %q", closed, why)
	}
}

func TestNextPrevOpen(t *testing.T) {
	ph := pharmacy()
	tests := []struct {
		date, next, prev Date
	}{
		{NewDate(2026, 11, 27), NewDate(2026, 11, 27), NewDate(2026, 11, 27)},
		{NewDate(2026, 11, 28), NewDate(2026, 11, 30), NewDate(2026, 11, 27)},
		{NewDate(2026, 4, 2), NewDate(2026, 4, 7), NewDate(2026, 4, 1)},
		{NewDate(2026, 5, 24), NewDate(2026, 5, 26), NewDate(2026, 5, 22)},
		{NewDate(2026, 12, 24), NewDate(2026, 12, 28), NewDate(2026, 12, 23)},
		{NewDate(2026, 12, 30), NewDate(2027, 1, 4), NewDate(2026, 12, 29)},
		{DayOf(time.Date(2026, 11, 28, 13, 0, 0, 0, time.UTC)), NewDate(2026, 11, 30), NewDate(2026, 11, 27)},
	}
	for _, tt := range tests {
		if got := ph.NextOpen(tt.date); got != tt.next {
			t.Errorf("NextOpen(%v) = %v, want %v", tt.date, got, tt.next)
		}
		if got := ph.PrevOpen(tt.date); got != tt.prev {
			t.Errorf("PrevOpen(%v) = %v, want %v", tt.date, got, tt.prev)
		}
	}
}

func TestNoOpenDayPanics(t *testing.T) {
	var every []ClosingDay
	for d := NewDate(2028, 1, 1); d.Year() == 2028; d = d.AddDays(1) {
		every = append(every, ClosingDay{d.Month(), d.Day(), "lukket", "closed"})
	}
	defer func() {
		if recover() == nil {
			t.Error("NextOpen on an always-closed calendar did not panic")
		}
	}()
	New(every, nil).NextOpen(NewDate(2026, 1, 1))
}

func TestAddWorkingDays(t *testing.T) {
	plain, ph := Calendar{}, pharmacy()
	tests := []struct {
		name     string
		cal      Calendar
		from     Date
		n        int
		want     Date
		notEqual bool // WorkingDaysBetween(from, want) != n because from is closed and n <= 0
	}{
		{"ordinary", plain, NewDate(2026, 11, 24), 3, NewDate(2026, 11, 27), false},
		{"over a weekend", plain, NewDate(2026, 11, 27), 1, NewDate(2026, 11, 30), false},
		{"zero", plain, NewDate(2026, 11, 28), 0, NewDate(2026, 11, 28), true},
		{"from a closed day", plain, NewDate(2026, 11, 28), 1, NewDate(2026, 11, 30), false},
		{"back from a closed day", plain, NewDate(2026, 11, 28), -1, NewDate(2026, 11, 27), true},
		// Easter 2026: closed Thursday 2 April to Monday 6 April.
		{"into Easter", plain, NewDate(2026, 4, 1), 1, NewDate(2026, 4, 7), false},
		{"across Easter", plain, NewDate(2026, 3, 31), 3, NewDate(2026, 4, 8), false},
		{"back across Easter", plain, NewDate(2026, 4, 7), -1, NewDate(2026, 4, 1), false},
		{"from Good Friday", plain, NewDate(2026, 4, 3), 1, NewDate(2026, 4, 7), false},
		// Ascension and Whitsun 2026: Thursday 14 May, Sunday-Monday 24-25 May.
		{"over Ascension", plain, NewDate(2026, 5, 13), 1, NewDate(2026, 5, 15), false},
		{"over Whitsun", plain, NewDate(2026, 5, 22), 1, NewDate(2026, 5, 26), false},
		{"back over Whitsun", plain, NewDate(2026, 5, 26), -2, NewDate(2026, 5, 21), false},
		// Constitution Day, Friday 5 June 2026, is an extra closing day.
		{"Constitution Day plain", plain, NewDate(2026, 6, 4), 1, NewDate(2026, 6, 5), false},
		{"Constitution Day pharmacy", ph, NewDate(2026, 6, 4), 1, NewDate(2026, 6, 8), false},
		// Christmas and New Year 2026-27.
		{"Christmas plain", plain, NewDate(2026, 12, 23), 1, NewDate(2026, 12, 24), false},
		{"Christmas pharmacy", ph, NewDate(2026, 12, 23), 1, NewDate(2026, 12, 28), false},
		{"New Year plain", plain, NewDate(2026, 12, 28), 3, NewDate(2026, 12, 31), false},
		{"New Year pharmacy", ph, NewDate(2026, 12, 28), 2, NewDate(2027, 1, 4), false},
		{"back over New Year pharmacy", ph, NewDate(2027, 1, 4), -1, NewDate(2026, 12, 29), false},
		{"back over Christmas pharmacy", ph, NewDate(2026, 12, 28), -1, NewDate(2026, 12, 23), false},
		{"ten days over Christmas", ph, NewDate(2026, 12, 21), 10, NewDate(2027, 1, 11), false},
		{"Great Prayer Day 2023", plain, NewDate(2023, 5, 4), 1, NewDate(2023, 5, 8), false},
		{"former Great Prayer Day 2024", plain, NewDate(2024, 4, 25), 1, NewDate(2024, 4, 26), false},
	}
	for _, tt := range tests {
		got := tt.cal.AddWorkingDays(tt.from, tt.n)
		if got != tt.want {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %v, want %s", tt.name, tt.from.Format(), tt.n, got, tt.want.Format())
		}
		if between := tt.cal.WorkingDaysBetween(tt.from, tt.want); between != tt.n && !tt.notEqual {
			t.Errorf("%s: WorkingDaysBetween(%s, %s) = %d, want %d", tt.name, tt.from.Format(), tt.want.Format(), between, tt.n)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	ph := pharmacy()
	tests := []struct {
		a, b Date
		want int
	}{
		{NewDate(2026, 11, 27), NewDate(2026, 11, 27), 0},
		{NewDate(2026, 11, 27), NewDate(2026, 11, 30), 1},
		{NewDate(2026, 11, 30), NewDate(2026, 11, 27), -1},
		{NewDate(2026, 11, 28), NewDate(2026, 11, 29), 0},
		{NewDate(2026, 3, 31), NewDate(2026, 4, 30), 19},  // April 2026: 22 weekdays less 2, 3 and 6 April
		{NewDate(2026, 12, 1), NewDate(2026, 12, 31), 18}, // 22 weekdays in 2-31 Dec less 24, 25, 30 and 31 Dec
		// 2026 has 261 weekdays; 7 holidays fall on weekdays (1 Jan, 2, 3, 6 Apr,
		// 14, 25 May, 25 Dec) and 4 extra closing days (5 Jun, 24, 30, 31 Dec).
		{NewDate(2025, 12, 31), NewDate(2026, 12, 31), 261 - 7 - 4},
		{DayOf(time.Date(2026, 11, 27, 22, 0, 0, 0, time.UTC)), DayOf(time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)), 1},
	}
	for _, tt := range tests {
		if got := ph.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestWorkingDaysProperties checks AddWorkingDays against
// WorkingDaysBetween and IsOpen on random dates.
func TestWorkingDaysProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	cals := []Calendar{{}, pharmacy()}
	for range 3000 {
		c := cals[rng.IntN(len(cals))]
		d := NewDate(2022, 1, 1).AddDays(rng.IntN(9 * 365))
		n := rng.IntN(61) - 30
		got := c.AddWorkingDays(d, n)
		if n != 0 && !c.IsOpen(got) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, a closed day", d.Format(), n, got.Format())
		}
		if !c.IsOpen(d) && n <= 0 {
			continue // (d, got] or (got, d] then counts differently by design
		}
		if between := c.WorkingDaysBetween(d, got); between != n {
			t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", d.Format(), d.Format(), n, got.Format(), between)
		}
	}
}

func TestAddWorkingHours(t *testing.T) {
	ph := pharmacy()
	cet := Copenhagen() // the clock times are Danish wall clock times
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, cet) }
	tests := []struct {
		from  time.Time
		hours int
		want  time.Time
	}{
		{at(2026, 11, 24, 10, 0), 0, at(2026, 11, 24, 10, 0)},
		{at(2026, 11, 24, 10, 0), 24, at(2026, 11, 25, 10, 0)},
		{at(2026, 11, 24, 10, 0), 48, at(2026, 11, 26, 10, 0)},
		{at(2026, 11, 27, 10, 0), 24, at(2026, 11, 30, 10, 0)}, // Friday to Monday
		{at(2026, 4, 1, 10, 0), 24, at(2026, 4, 7, 10, 0)},     // over Easter
		{at(2026, 4, 1, 10, 0), 30, at(2026, 4, 7, 16, 0)},     // 6 h more
		{at(2026, 4, 1, 10, 0), 14, at(2026, 4, 7, 0, 0)},      // midnight falls into Easter
		{at(2026, 4, 1, 10, 0), 13, at(2026, 4, 1, 23, 0)},     // same day
		{at(2026, 4, 4, 15, 0), 24, at(2026, 4, 8, 0, 0)},      // from a closed Saturday
		{at(2026, 4, 4, 15, 0), 5, at(2026, 4, 7, 5, 0)},       // counting starts at 00:00
		{at(2026, 12, 23, 9, 30), 24, at(2026, 12, 28, 9, 30)}, // Christmas Eve closed
		{at(2026, 12, 28, 9, 30), 48, at(2027, 1, 4, 9, 30)},   // 29 Dec, then stocktaking and New Year
		{at(2026, 4, 7, 10, 0), -24, at(2026, 4, 1, 10, 0)},    // back over Easter
		{at(2026, 4, 7, 0, 30), -1, at(2026, 4, 1, 23, 30)},    // back over midnight
		{at(2026, 4, 4, 15, 0), -24, at(2026, 4, 1, 0, 0)},     // back from a closed day
		{at(2026, 4, 4, 15, 0), -1, at(2026, 4, 1, 23, 0)},     // counting back starts at 24:00
		{at(2026, 4, 7, 10, 0), -25, at(2026, 4, 1, 9, 0)},
		{at(2026, 11, 24, 10, 0), 24 * 1000, ph.AddWorkingDays(NewDate(2026, 11, 24), 1000).At(10, 0).In(cet)},
	}
	for _, tt := range tests {
		got, err := ph.AddWorkingHours(tt.from, tt.hours)
		if err != nil || got != tt.want || got.Location() != cet {
			t.Errorf("AddWorkingHours(%v, %d) = %v, want %v", tt.from, tt.hours, got, tt.want)
		}
	}
}

// BenchmarkAddWorkingDays is a GP follow-up (7 working days over Easter):
// remind and planning take this step for every case.
func BenchmarkAddWorkingDays(b *testing.B) {
	c := New(DefaultExtraClosingDays(), nil)
	d := NewDate(2026, 3, 30)
	for b.Loop() {
		c.AddWorkingDays(d, 7)
	}
}

// TestAddWorkingHoursBounded: a count beyond MaxWorkingHours, either way,
// fails at once with ErrTooFar instead of walking billions of days.
func TestAddWorkingHoursBounded(t *testing.T) {
	ph := pharmacy()
	from := NewDate(2026, 11, 24).At(10, 0)
	for _, h := range []int{MaxWorkingHours + 1, -MaxWorkingHours - 1, 99_999_999_999, -99_999_999_999} {
		if _, err := ph.AddWorkingHours(from, h); !errors.Is(err, ErrTooFar) {
			t.Errorf("AddWorkingHours(%d): %v, want ErrTooFar", h, err)
		}
	}
	if _, err := ph.AddWorkingHours(from, MaxWorkingHours); err != nil {
		t.Errorf("AddWorkingHours(MaxWorkingHours): %v", err)
	}
}
