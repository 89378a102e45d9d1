package workflow_test

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func danish(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Skip("no time zone database")
	}
	v, err := time.ParseInLocation("02-01-2006 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPromisedByOverWeekendsAndHolidays(t *testing.T) {
	file, err := os.Open("testdata/promised_by.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	p := workflow.Pharmacy{LeadTimeHours: 24, ExtraClosingDays: calendar.DefaultExtraClosingDays(),
		ClosedDates: []calendar.Date{calendar.NewDate(2026, 3, 17)}}
	sc := bufio.NewScanner(file)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 4 {
			t.Fatalf("bad line %q", line)
		}
		hours, err := strconv.Atoi(strings.TrimSpace(f[1]))
		if err != nil {
			t.Fatal(err)
		}
		at, want := danish(t, strings.TrimSpace(f[0])), danish(t, strings.TrimSpace(f[2]))
		p.LeadTimeHours = hours
		got, err := workflow.PromisedBy(p, at.UTC())
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s: request %s + %d h: want %s, got %s", strings.TrimSpace(f[3]), f[0], hours,
				want.Format("02-01-2006 15:04 MST"), got.In(want.Location()).Format("02-01-2006 15:04 MST"))
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestUrgentRollOverdue(t *testing.T) {
	base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	u := workflow.UrgentRoll{Status: workflow.UrgentRequested, RequestedAt: base,
		PromisedBy: base.Add(24 * time.Hour), NeededBy: base.Add(48 * time.Hour)}
	early := u
	early.NeededBy = base.Add(6 * time.Hour)
	cases := []struct {
		name   string
		u      workflow.UrgentRoll
		status workflow.UrgentStatus
		now    time.Time
		want   bool
	}{
		{"before the promise", u, workflow.UrgentRequested, base.Add(23 * time.Hour), false},
		{"at the promise", u, workflow.UrgentAccepted, base.Add(24 * time.Hour), false},
		{"past the promise", u, workflow.UrgentAccepted, base.Add(25 * time.Hour), true},
		{"past the promise, packed", u, workflow.UrgentPacked, base.Add(25 * time.Hour), true},
		{"past needed-by before the promise", early, workflow.UrgentRequested, base.Add(7 * time.Hour), true},
		{"delivered is never overdue", u, workflow.UrgentDelivered, base.Add(72 * time.Hour), false},
		{"rejected is never overdue", u, workflow.UrgentRejected, base.Add(72 * time.Hour), false},
		{"cancelled is never overdue", u, workflow.UrgentCancelled, base.Add(72 * time.Hour), false},
	}
	for _, c := range cases {
		c.u.Status = c.status
		if got := c.u.Overdue(c.now); got != c.want {
			t.Errorf("%s: want overdue=%v, got %v", c.name, c.want, got)
		}
	}
	if !early.DueAt().Equal(early.NeededBy) || !u.DueAt().Equal(u.PromisedBy) {
		t.Errorf("DueAt must be the earlier of promise and need")
	}
}
