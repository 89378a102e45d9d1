package workflow_test

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func mustDate(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func defaultPharmacy(periodDays, deadlineDays int) workflow.Pharmacy {
	return workflow.Pharmacy{ID: "p1", PeriodDays: periodDays, DeadlineWorkingDays: deadlineDays,
		ExtraClosingDays: calendar.DefaultExtraClosingDays()}
}

// TestPeriodDatesAroundHolidays checks the cases in testdata/schedules.txt.
func TestPeriodDatesAroundHolidays(t *testing.T) {
	f, err := os.Open("testdata/schedules.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, n := bufio.NewScanner(f), 0
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		in, want, ok := strings.Cut(text, "|")
		a, w := strings.Fields(in), strings.Fields(want)
		if !ok || len(a) != 3 || len(w) < 4 {
			t.Fatalf("schedules.txt:%d: malformed", line)
		}
		days, _ := strconv.Atoi(a[1])
		dl, _ := strconv.Atoi(a[2])
		n++
		t.Run(strings.Join(w[4:], " "), func(t *testing.T) {
			got, err := workflow.PeriodDatesFor(defaultPharmacy(days, dl), mustDate(t, a[0]), days, "")
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range []calendar.Date{got.End, got.Deadline, got.Packing, got.ExpectedDelivery} {
				if g.Format() != w[i] {
					t.Errorf("line %d: %s = %s, want %s", line, []string{"end", "deadline", "packing", "delivery"}[i],
						g.Format(), w[i])
				}
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestPeriodLengthRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		days    int
		reason  string
		wantErr string
	}{
		{"14 days", 14, "", ""},
		{"7 days", 7, "", ""},
		{"extension with reason", 21, "jul og nytår", ""},
		{"28 days with reason", 28, "sommerferie", ""},
		{"extension without reason", 21, "  ", "needs a recorded reason"},
		{"over 28 days", 29, "lang ferie", "needs a dispensation"},
		{"10 days", 10, "", "must be 7 or 14"},
		{"zero", 0, "", "must be 7 or 14"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := workflow.ValidatePeriodLength(tc.days, tc.reason)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("want ok, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || workflow.KindOf(err) != workflow.KindInvalid {
				t.Fatalf("want invalid %q, got %v", tc.wantErr, err)
			}
		})
	}
	p := defaultPharmacy(14, 3)
	d, err := workflow.PeriodDatesFor(p, mustDate(t, "21-12-2026"), 21, "jul og nytår")
	if err != nil || d.End.Format() != "10-01-2027" || d.ExtensionReason != "jul og nytår" {
		t.Fatalf("extended period: %+v %v", d, err)
	}
}

func TestScheduleIsConsecutive(t *testing.T) {
	for _, days := range []int{7, 14} {
		ps, err := workflow.Schedule(defaultPharmacy(days, 3), mustDate(t, "02-03-2026"), 30)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range ps {
			if p.LengthDays != days || p.End != p.Start.AddDays(days-1) {
				t.Errorf("%d days, period %d: %+v", days, i, p)
			}
			if i > 0 && p.Start != ps[i-1].End.AddDays(1) {
				t.Errorf("%d days: gap before period %d", days, i)
			}
			cal := defaultPharmacy(days, 3).Calendar()
			for _, d := range []calendar.Date{p.Deadline, p.Packing, p.ExpectedDelivery} {
				if !cal.IsOpen(d) || !d.Before(p.Start) {
					t.Errorf("%d days, period %d: %s is closed or not before the start", days, i, d.Format())
				}
			}
			if p.Deadline.After(p.Packing) || p.Packing.After(p.ExpectedDelivery) {
				t.Errorf("%d days, period %d: dates out of order: %+v", days, i, p)
			}
		}
	}
}

// TestFirstRollRule: the first period starts as early as its deadline
// allows, around weekends, Easter 2026 and Christmas. (Whether a first roll
// is late is the worklist's query, tested in data/worklist_test.go.)
func TestFirstRollRule(t *testing.T) {
	p := defaultPharmacy(14, 3)
	for _, tc := range []struct {
		started, wantStart, wantDelivery string
	}{
		{"02-03-2026", "05-03-2026", "04-03-2026"},
		{"01-04-2026", "09-04-2026", "08-04-2026"}, // Easter
		{"21-12-2026", "24-12-2026", "23-12-2026"}, // Christmas Eve start
	} {
		t.Run(tc.started, func(t *testing.T) {
			s := workflow.FirstPeriodStart(p, mustDate(t, tc.started))
			d, err := workflow.PeriodDatesFor(p, s, 14, "")
			if err != nil {
				t.Fatal(err)
			}
			if s.Format() != tc.wantStart || d.ExpectedDelivery.Format() != tc.wantDelivery {
				t.Fatalf("start %s delivery %s, want %s %s", s.Format(), d.ExpectedDelivery.Format(),
					tc.wantStart, tc.wantDelivery)
			}
			if d.Deadline.Before(mustDate(t, tc.started)) {
				t.Errorf("deadline %s is before the start day", d.Deadline.Format())
			}
		})
	}
}
