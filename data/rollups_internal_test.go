package data

import (
	"slices"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestSpans(t *testing.T) {
	d := func(y int, m time.Month, day int) int { return dateNum(calendar.NewDate(y, m, day)) }
	tests := []struct {
		name      string
		a, b      int
		withYears bool
		want      []span
	}{
		{"one day", d(2026, 3, 5), d(2026, 3, 5), true, []span{{"", d(2026, 3, 5), d(2026, 3, 5)}}},
		{"inside a month", d(2026, 3, 5), d(2026, 3, 20), true, []span{{"", d(2026, 3, 5), d(2026, 3, 20)}}},
		{"a whole month", d(2026, 2, 1), d(2026, 2, 28), true, []span{{levelMonth, d(2026, 2, 1), d(2026, 2, 28)}}},
		{"days, months, days", d(2026, 1, 20), d(2026, 4, 10), true, []span{
			{"", d(2026, 1, 20), d(2026, 1, 31)}, {levelMonth, d(2026, 2, 1), d(2026, 3, 31)}, {"", d(2026, 4, 1), d(2026, 4, 10)}}},
		{"the report's 12 months", d(2025, 11, 1), d(2026, 10, 31), true, []span{{levelMonth, d(2025, 11, 1), d(2026, 10, 31)}}},
		{"years in the middle", d(2023, 12, 15), d(2026, 2, 3), true, []span{
			{"", d(2023, 12, 15), d(2023, 12, 31)}, {levelYear, d(2024, 1, 1), d(2025, 12, 31)},
			{levelMonth, d(2026, 1, 1), d(2026, 1, 31)}, {"", d(2026, 2, 1), d(2026, 2, 3)}}},
		{"no years when by month", d(2024, 1, 1), d(2024, 12, 31), false, []span{{levelMonth, d(2024, 1, 1), d(2024, 12, 31)}}},
		{"a leap day", d(2024, 2, 29), d(2024, 2, 29), true, []span{{"", d(2024, 2, 29), d(2024, 2, 29)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spans(tt.a, tt.b, tt.withYears); !slices.Equal(got, tt.want) {
				t.Errorf("spans = %v, want %v", got, tt.want)
			}
		})
	}
}

// Danish days: an instant late in the UTC evening is the next Danish day,
// in winter and in summer time; 29 February + 75 years is 1 March.
func TestDayNumbers(t *testing.T) {
	tests := []struct {
		name string
		got  int
		want calendar.Date
	}{
		{"winter 23:30 UTC", dayOf(time.Date(2026, 1, 10, 23, 30, 0, 0, time.UTC)), calendar.NewDate(2026, 1, 11)},
		{"winter 22:59 UTC", dayOf(time.Date(2026, 1, 10, 22, 59, 0, 0, time.UTC)), calendar.NewDate(2026, 1, 10)},
		{"summer 22:30 UTC", dayOf(time.Date(2026, 7, 10, 22, 30, 0, 0, time.UTC)), calendar.NewDate(2026, 7, 11)},
		{"summer 21:59 UTC", dayOf(time.Date(2026, 7, 10, 21, 59, 0, 0, time.UTC)), calendar.NewDate(2026, 7, 10)},
		{"75th birthday", turns75(calendar.NewDate(1951, 3, 25)), calendar.NewDate(2026, 3, 25)},
		{"75th birthday of a leap day", turns75(calendar.NewDate(1952, 2, 29)), calendar.NewDate(2027, 3, 1)},
	}
	for _, tt := range tests {
		if numDate(tt.got) != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, numDate(tt.got).Format(), tt.want.Format())
		}
	}
}

// A stock at a period's end is read as its total less the rows after the
// period (asOfTotal), the medicine-help total as the total row only; a
// state up to the period's end (asOf) still reads forwards.
func TestPartsOfStocks(t *testing.T) {
	d := func(y int, m time.Month, day int) int { return dateNum(calendar.NewDate(y, m, day)) }
	f := reports.Filter{From: calendar.NewDate(2025, 12, 1), To: calendar.NewDate(2026, 11, 20)}
	after := func(level string, lo, hi int) rollupPart {
		return rollupPart{level: level, lo: lo, hi: hi, minus: true}
	}
	tests := []struct {
		name string
		r    dayRange
		want []rollupPart
	}{
		{"as of the end, from the total", asOfTotal, []rollupPart{{level: levelTotal},
			after("", d(2026, 11, 21), d(2026, 11, 30)), after(levelMonth, d(2026, 12, 1), d(2026, 12, 31)),
			after(levelYear, d(2027, 1, 1), lastDay)}},
		{"every day", allDays, []rollupPart{{level: levelTotal}}},
		{"as of the end, forwards", asOf, []rollupPart{{level: levelYear, lo: d(1850, 1, 1), hi: d(2025, 12, 31)},
			{level: levelMonth, lo: d(2026, 1, 1), hi: d(2026, 10, 31)}, {level: "", lo: d(2026, 11, 1), hi: d(2026, 11, 20)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parts(f, tt.r, false); !slices.Equal(got, tt.want) {
				t.Errorf("parts = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// The packed group of a rollup read (metric index, municipality, month)
// comes back apart as it went in, as the report's SQL packs it.
func TestUnpackGroup(t *testing.T) {
	pack := func(metric, muni, month int) int64 {
		return (int64(muni)*packedMetrics+int64(metric))*packedMonths + int64(month)
	}
	tests := []struct{ metric, muni, month int }{
		{0, 0, 0}, {7, 860, 219912}, {3, 101, 202601}, {packedMetrics - 1, 0, 185001}, {0, 99999, 0},
	}
	for _, tt := range tests {
		m, c, mo := unpackGroup(pack(tt.metric, tt.muni, tt.month))
		if m != tt.metric || c != tt.muni || mo != tt.month {
			t.Errorf("unpack(pack(%d, %d, %d)) = %d, %d, %d", tt.metric, tt.muni, tt.month, m, c, mo)
		}
	}
}
