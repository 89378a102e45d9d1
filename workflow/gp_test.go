package workflow_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

func TestGPFollowUpDueInWorkingDays(t *testing.T) {
	s := workflow.DefaultSettings()
	cases := []struct{ name, at, want string }{
		{"plain fortnight", "02-03-2026 10:00", "11-03-2026 10:00"},
		{"from a Friday", "06-03-2026 15:30", "17-03-2026 15:30"},
		{"over Easter 2026", "30-03-2026 10:00", "13-04-2026 10:00"},
		{"from a Saturday", "07-03-2026 11:00", "17-03-2026 11:00"},
		{"over Christmas and New Year (closing days)", "21-12-2026 09:00", "05-01-2027 09:00"},
		{"over Whit Monday", "20-05-2026 13:00", "01-06-2026 13:00"},
		{"over Constitution Day", "01-06-2026 08:00", "11-06-2026 08:00"},
	}
	for _, c := range cases {
		got := s.GPFollowUpDue(danish(t, c.at).UTC())
		if want := danish(t, c.want); !got.Equal(want) {
			t.Errorf("%s: request %s: want %s, got %s", c.name, c.at, c.want, got.In(want.Location()).Format("02-01-2006 15:04"))
		}
	}
	s.GPReminderDays = 2
	if got, want := s.GPFollowUpDue(danish(t, "01-04-2026 10:00")), danish(t, "08-04-2026 10:00"); !got.Equal(want) {
		t.Errorf("the setting is honoured: want %s, got %s", want, got)
	}
}

func TestGPReminderExpiryAndRenewalTiming(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.now = danish(t, "30-03-2026 10:00").UTC().Add(123456789 * time.Nanosecond)
		c := f.awaitingGPCase(t)
		requested := f.now
		reminders := func() map[string]workflow.Reminder {
			d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
			m := map[string]workflow.Reminder{}
			for _, r := range d.Reminders {
				m[r.Kind] = r
			}
			return m
		}
		if got, want := reminders()[workflow.ReminderGPFollowUp].DueAt, danish(t, "13-04-2026 10:00"); !got.Equal(want) {
			t.Errorf("GP follow-up: want 7 working days later over Easter (%s), got %s", want, got)
		}
		f.now = requested.Add(10 * 24 * time.Hour)
		if _, err := f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true,
			PrescriptionExpires: calendar.Today(f.now).AddYears(2).AddDays(1)}); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("an expiry beyond 2 years must be invalid, got %v", err)
		}
		approved := f.now
		c = dbtest.Must(f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true}))(t)
		d := dbtest.Must(db.CaseDetail(ctx, f.admin, c.ID, "test", f.now))(t)
		exp := d.GPRequests[0].PrescriptionExpires
		if exp != calendar.Today(approved).AddYears(2) {
			t.Fatalf("the default prescription lasts 2 years from approval: %v", exp)
		}
		m := reminders()
		if m[workflow.ReminderGPFollowUp].DoneAt == nil {
			t.Errorf("the GP follow-up must be done once the GP decided")
		}
		if got, want := m[workflow.ReminderRenewal].DueAt, exp.AddDays(-30).Start(); !got.Equal(want) {
			t.Errorf("renewal: want %s (30 days before expiry), got %s", want, got)
		}
		if got, want := m[workflow.ReminderFirstRoll].DueAt, approved.AddDate(0, 0, 7).Truncate(time.Second); !got.Equal(want) {
			t.Errorf("first roll: want %s, got %s", want, got)
		}
		// Nothing is due a day before the renewal; the renewal is due on the day.
		f.now = m[workflow.ReminderRenewal].DueAt.Add(-24 * time.Hour)
		counts := func() map[string]int {
			out := map[string]int{}
			for _, rc := range dbtest.Must(db.DueReminderCounts(ctx, f.now))(t) {
				out[rc.Kind] = rc.Count
			}
			return out
		}
		if counts()[workflow.ReminderRenewal] != 0 {
			t.Errorf("the renewal must not be due a day early")
		}
		f.now = m[workflow.ReminderRenewal].DueAt
		if counts()[workflow.ReminderRenewal] != 1 {
			t.Errorf("the renewal must be due a month before expiry")
		}
		// A remind run at that time recreates nothing.
		if created := dbtest.Must(db.Remind(ctx, f.now, workflow.DefaultSettings()))(t); len(created) != 0 {
			t.Errorf("remind must not duplicate the reminders the transitions made: %+v", created)
		}
	})
}

func TestAbsentGPIsFlaggedAndRedirected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		sub := dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Vikarlægen"}, f.now))(t)
		today := calendar.DayOf(f.now)
		_ = dbtest.Must(db.AddGPAbsence(ctx, data.NewGPAbsence{Ydernummer: "012345", From: today.AddDays(-1),
			To: today.AddDays(6), SubstituteYdernummer: "054321"}))(t)
		if _, err := db.AddGPAbsence(ctx, data.NewGPAbsence{Ydernummer: "012345", From: today, To: today.AddDays(-1)}); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("an absence ending before it starts must be invalid, got %v", err)
		}
		if _, err := db.AddGPAbsence(ctx, data.NewGPAbsence{Ydernummer: "999999", From: today, To: today}); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("an unknown GP must be not found, got %v", err)
		}
		c := f.awaitingGPCase(t)
		st := dbtest.Must(f.sv.GPRequestStatus(ctx, f.nurse, c.ID))(t)
		if st.Absent == nil || st.Absent.SubstituteGPID != sub.ID || st.AbsenceID == "" {
			t.Fatalf("a request to an absent GP must be flagged with the substitute: %+v", st)
		}
		wl := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
		if !hasWork(wl, workflow.WorkGPAbsent, c.ID) {
			t.Errorf("the nurse's worklist must show the absent GP: %+v", wl.Items)
		}
		f.tick(time.Hour)
		c2, info, err := f.sv.RedirectGPRequest(ctx, f.nurse, c.ID, "vikar")
		if err != nil {
			t.Fatal(err)
		}
		if c2.State != workflow.StateAwaitingGP || c2.Version != c.Version+1 || info.GPID != sub.ID || info.RedirectedFromGPID != f.citizen.GPID {
			t.Fatalf("redirect: case %+v, request %+v", c2, info)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		last := d.Audit[len(d.Audit)-1]
		if last.Event != workflow.EventGPRedirect || last.Reason != "gp_absent" || last.Actor != "u-nurse" || last.Note != "vikar" {
			t.Errorf("the redirect must be audited: %+v", last)
		}
		if d.GPRequests[0].GPID != sub.ID {
			t.Errorf("the request must now go to the substitute: %+v", d.GPRequests[0])
		}
		if _, _, err := f.sv.RedirectGPRequest(ctx, f.nurse, c.ID, ""); workflow.KindOf(err) != workflow.KindInvalidTransition {
			t.Errorf("the substitute is not absent: a second redirect must be refused, got %v", err)
		}
		pharm := workflow.Actor{Role: workflow.RolePharmacy, PharmacyID: f.pharm.ID}
		if _, _, err := f.sv.RedirectGPRequest(ctx, pharm, c.ID, ""); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("pharmacy staff may not redirect, got %v", err)
		}
		f.tick(time.Hour)
		_ = dbtest.Must(f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true}))(t)
	})
}

func TestRedirectNeedsASubstitute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.awaitingGPCase(t)
		if st := dbtest.Must(f.sv.GPRequestStatus(ctx, f.nurse, c.ID))(t); st.Absent != nil || st.AbsenceID != "" {
			t.Errorf("a present GP must not be flagged: %+v", st)
		}
		today := calendar.DayOf(f.now)
		_ = dbtest.Must(db.AddGPAbsence(ctx, data.NewGPAbsence{Ydernummer: "012345", From: today, To: today}))(t)
		_, _, err := f.sv.RedirectGPRequest(ctx, f.nurse, c.ID, "")
		var we *workflow.Error
		if !asError(err, &we) || we.Kind != workflow.KindInvalidTransition || !hasGuard(we, "gp_substitute") {
			t.Errorf("an absence without substitute cannot be redirected, got %v", err)
		}
	})
}

func hasWork(w workflow.Worklist, kind workflow.WorkKind, caseID string) bool {
	for _, it := range w.Items {
		if it.Kind == kind && it.CaseID == caseID {
			return true
		}
	}
	return false
}

// TestPrescriptionLimitIsADanishDate: the 2-year limit in the refusal is
// the Danish date, not the UTC one (00:30 Danish time is still the day
// before in UTC).
func TestPrescriptionLimitIsADanishDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.now = danish(t, "30-03-2026 10:00").UTC()
		c := f.awaitingGPCase(t)
		f.now = danish(t, "01-04-2026 00:30").UTC()
		_, err := f.sv.RecordGPDecision(ctx, f.nurse, c.ID, workflow.GPDecision{Approved: true,
			PrescriptionExpires: calendar.Today(f.now).AddYears(3)})
		var e *workflow.Error
		if !errors.As(err, &e) || e.Kind != workflow.KindInvalid || !strings.Contains(e.Message(i18n.English), "until 01-04-2028") {
			t.Fatalf("want an invalid expiry naming the limit 01-04-2028, got %v", err)
		}
	})
}
