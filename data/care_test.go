package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestRejectedUrgentRollReachesTheNurse: the pharmacy rejects the urgent
// roll; the nurse's worklist opens with it (before everything overdue)
// until a new urgent roll is requested on the case.
func TestRejectedUrgentRollReachesTheNurse(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		if _, err := f.sv.RejectUrgentRoll(ctx, f.pharm, f.urgentOverdue.ID, "lægemidlet er i restordre"); err != nil {
			t.Fatal(err)
		}
		w := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
		first := w.Items[0]
		if first.Kind != workflow.WorkUrgentRejected || first.RefID != f.urgentOverdue.ID || !first.Alert || first.CitizenName != "Dorte Eng" {
			t.Fatalf("the first item must be the rejected urgent roll, got %+v", first)
		}
		for _, it := range w.Items {
			if it.Kind == workflow.WorkUrgentLatePromise {
				t.Errorf("a rejected roll is no longer a late promise: %+v", it)
			}
		}
		top, _, err := db.WorklistTop(ctx, f.nurse, f.now, workflow.DefaultSettings(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(top.Items) != 1 || top.Items[0].Kind != workflow.WorkUrgentRejected {
			t.Errorf("the top item must be the rejected roll: %+v", top.Items)
		}
		f.clock = f.now.Add(time.Minute)
		if _, err := f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: f.cases["active"].ID,
			Reason: workflow.UrgentReasonMedicationChange, NeededBy: f.now.Add(72 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		for _, it := range dbtest.Must(db.Worklist(ctx, f.nurse, f.now.Add(2*time.Minute), workflow.DefaultSettings()))(t).Items {
			if it.Kind == workflow.WorkUrgentRejected {
				t.Errorf("after a new request the rejection must leave the worklist: %+v", it)
			}
		}
	})
}

// TestWorklistGroupsLongOverdue: a receipt check from 2023 is grouped
// below the current work with its count, also when the list is cut to its
// top items in SQL.
func TestWorklistGroupsLongOverdue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		a := f.cases["active"]
		for i, start := range []calendar.Date{calendar.NewDate(2023, 9, 1), calendar.NewDate(2023, 9, 15)} {
			if _, err := db.Bun().ExecContext(ctx, `INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date,
				deadline, packing_date, expected_delivery, length_days, status, delivered_at) VALUES (?, ?, 851, ?, ?, ?, ?, ?, ?, 14, 'dispensed', ?)`,
				a.ID, f.p.ID, -10+i, start, start.AddDays(13), start.AddDays(-5), start.AddDays(-4), start.AddDays(-3),
				start.AddDays(-3).At(10, 0)); err != nil {
				t.Fatal(err)
			}
		}
		full := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
		n := len(full.Items)
		if full.StaleTotal != 2 || !full.Items[n-1].Stale || !full.Items[n-2].Stale || full.Items[n-3].Stale {
			t.Fatalf("the two 2023 checks must come last, grouped: stale %d, %+v", full.StaleTotal, full.Items)
		}
		if !full.Items[n-2].Due.Before(full.Items[n-1].Due) {
			t.Errorf("long-overdue items are in due order")
		}
		for _, k := range []int{1, 3, n - 1} {
			top, total, err := db.WorklistTop(ctx, f.nurse, f.now, workflow.DefaultSettings(), k)
			if err != nil {
				t.Fatal(err)
			}
			if total != n || top.StaleTotal != 2 {
				t.Errorf("top %d: total %d stale %d, want %d and 2", k, total, top.StaleTotal, n)
			}
			for i, it := range top.Items {
				if it.Stale != full.Items[i].Stale || it.Kind != full.Items[i].Kind || it.RefID != full.Items[i].RefID {
					t.Errorf("top %d item %d: %+v, want %+v", k, i, it, full.Items[i])
				}
			}
		}
	})
}

// TestExtendPeriod: a period is extended to 21 days with a reason; the
// next period moves to follow it; refused lengths, a missing reason and a
// period past its deadline say what is wrong.
func TestExtendPeriod(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		id := f.cases["active"].ID
		for _, bad := range []struct {
			name      string
			seq, days int
			reason    string
			want      string
		}{
			{"14 days", 2, 14, "jul", "15–28 dage, ikke 14"},
			{"29 days", 2, 29, "jul", "længere end 28 dage"},
			{"no reason", 2, 21, " ", "kræver en begrundelse"},
			{"huge reason", 2, 21, strings.Repeat("ø", 20000), "20000 tegn"},
			{"already delivered", 1, 21, "jul", "allerede pakket"},
			{"no such period", 9, 21, "jul", "periode 9 findes ikke"},
		} {
			if _, err := f.sv.ExtendPeriod(ctx, f.nurse, id, bad.seq, bad.days, bad.reason); !strings.Contains(danish(err), bad.want) {
				t.Errorf("%s: want %q, got %v", bad.name, bad.want, err)
			}
		}
		if _, err := f.sv.ExtendPeriod(ctx, workflow.Actor{UserID: "x", Role: workflow.RoleNurse, Municipality: 101}, id, 2, 21, "jul"); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another municipality: want not found, got %v", err)
		}
		ps, err := f.sv.ExtendPeriod(ctx, f.nurse, id, 2, 21, "påske hos datteren")
		if err != nil {
			t.Fatal(err)
		}
		p2, p3 := ps[1], ps[2]
		if p2.LengthDays != 21 || p2.End != calendar.NewDate(2026, 4, 5) || p2.ExtensionReason != "påske hos datteren" {
			t.Errorf("period 2: %+v", p2.PeriodDates)
		}
		if p3.Start != calendar.NewDate(2026, 4, 6) || p3.LengthDays != 14 || !p3.Deadline.Before(p3.Start) {
			t.Errorf("period 3 must follow period 2: %+v", p3.PeriodDates)
		}
		if stored := dbtest.Must(db.CasePeriods(ctx, f.nurse, id))(t); stored[1].End != p2.End || stored[2].Start != p3.Start {
			t.Errorf("stored periods %+v", stored)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, id, "test", f.now))(t)
		if last := d.Audit[len(d.Audit)-1]; last.Event != workflow.EventPeriodExtend || last.Note != "påske hos datteren" {
			t.Errorf("audit %+v", last)
		}
		// After its deadline (11-03) the extension no longer reaches the roll.
		f.clock = time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
		if _, err := f.sv.ExtendPeriod(ctx, f.nurse, id, 2, 28, "jul"); !strings.Contains(danish(err), "fristen for periode 2") {
			t.Errorf("past the deadline: got %v", err)
		}
	})
}

// TestProfessionalAssessment: a "needs review" verdict is judged eligible
// with a reason; the judgement is stored beside the rule verdict and the
// case moves on to consent.
func TestProfessionalAssessment(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		cit, _, err := db.AddCitizen(ctx, f.nurse, data.NewCitizen{CPR: "070707-1234", Name: "Erik Fisk", Municipality: 851}, f.now)
		if err != nil {
			t.Fatal(err)
		}
		c := dbtest.Must(f.sv.OpenCase(ctx, f.nurse, cit.ID, "home_care"))(t)
		if _, err := f.sv.ProfessionalAssessment(ctx, f.nurse, c.ID, true, "kender borgeren"); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("without a rule verdict: want invalid, got %v", err)
		}
		v, _, err := f.sv.Assess(ctx, f.nurse, c.ID, eligibility.Default(), eligibility.Facts{"receives_medicine_help": true}, "")
		if err != nil || v.Outcome != eligibility.NeedsReview {
			t.Fatalf("assess: %v %v", v.Outcome, err)
		}
		if _, err := f.sv.ProfessionalAssessment(ctx, f.nurse, c.ID, true, "  "); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("blank reason: want invalid, got %v", err)
		}
		got, err := f.sv.ProfessionalAssessment(ctx, f.nurse, c.ID, true, "stabil i et år; datteren hjælper med rullen")
		if err != nil {
			t.Fatal(err)
		}
		if got.State != workflow.StateAwaitingConsent || got.StateReason != workflow.ReasonProfessional {
			t.Errorf("case %+v", got)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, c.ID, "test", f.now))(t)
		if len(d.Assessments) != 2 {
			t.Fatalf("assessments %+v", d.Assessments)
		}
		rule, judged := d.Assessments[0], d.Assessments[1]
		if rule.Outcome != "needs_review" || judged.RuleSetID != workflow.ProfessionalRuleSet || judged.Outcome != "eligible" ||
			judged.JudgedAssessmentID != rule.ID || judged.Reason != "stabil i et år; datteren hjælper med rullen" || judged.AssessedBy != "u-nurse" {
			t.Errorf("rule %+v\njudgement %+v", rule, judged)
		}
		if last := d.Audit[len(d.Audit)-1]; last.Event != workflow.EventAssess || last.Note != judged.Reason {
			t.Errorf("audit %+v", last)
		}
		if _, err := f.sv.ProfessionalAssessment(ctx, f.nurse, c.ID, false, "igen"); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a second judgement without a new rule verdict: want invalid, got %v", err)
		}
	})
}

// TestRenewalPauseEndAndActualTimes: the GP's renewal moves the expiry and
// the renewal reminder; a pause with a planned end puts it on the worklist
// that day and resuming completes it; a receipt and a delivery take their
// actual time, never one in the future.
func TestRenewalPauseEndAndActualTimes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		id := f.cases["active"].ID
		if _, err := f.sv.RecordRenewal(ctx, f.nurse, id, calendar.Today(f.now).AddYears(3), ""); !strings.Contains(danish(err), "højst gælde 2 år") {
			t.Errorf("3 years: got %v", err)
		}
		if _, err := f.sv.RecordRenewal(ctx, f.nurse, f.cases["consent"].ID, calendar.Date{}, ""); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("renewal before approval: want invalid, got %v", err)
		}
		expires := calendar.NewDate(2027, 9, 1)
		if _, err := f.sv.RecordRenewal(ctx, f.nurse, id, expires, "FMK fornyet"); err != nil {
			t.Fatal(err)
		}
		d := dbtest.Must(db.CaseDetail(ctx, f.nurse, id, "test", f.now))(t)
		if e := d.GPRequests[len(d.GPRequests)-1].PrescriptionExpires; e != expires {
			t.Errorf("expiry %v, want %v", e, expires)
		}
		open := 0
		for _, r := range d.Reminders {
			if r.Kind == workflow.ReminderRenewal && r.DoneAt == nil {
				open++
				if !r.DueAt.Equal(expires.AddDays(-30).Start()) {
					t.Errorf("renewal reminder due %v", r.DueAt)
				}
			}
		}
		if open != 1 || d.Audit[len(d.Audit)-1].Event != workflow.EventRenewal {
			t.Errorf("open renewal reminders %d, audit %+v", open, d.Audit[len(d.Audit)-1])
		}

		// Actual times: the delivered urgent roll received yesterday evening.
		yesterday := f.now.Add(-14 * time.Hour)
		if err := f.sv.RecordUrgentReceipt(ctx, f.nurse, id, f.urgentDelivered.ID, workflow.ReceiptInput{At: f.now.Add(2 * time.Hour)}); !strings.Contains(danish(err), "ligger i fremtiden") {
			t.Errorf("a receipt in the future: got %v", err)
		}
		if err := f.sv.RecordUrgentReceipt(ctx, f.nurse, id, f.urgentDelivered.ID, workflow.ReceiptInput{At: yesterday}); err != nil {
			t.Fatal(err)
		}
		if p, err := f.sv.RecordReceipt(ctx, f.nurse, id, 1, workflow.ReceiptInput{At: f.now.AddDate(0, -2, 0)}); err == nil {
			t.Errorf("a receipt two months back: stored %+v", p)
		}
		p, err := f.sv.RecordReceipt(ctx, f.nurse, id, 1, workflow.ReceiptInput{At: yesterday})
		if err != nil || !p.ReceivedAt.Equal(yesterday) {
			t.Errorf("receipt at %v: %v", p.ReceivedAt, err)
		}
		if stored := dbtest.Must(db.CasePeriods(ctx, f.nurse, id))(t)[0]; stored.ReceivedAt == nil || !stored.ReceivedAt.Equal(yesterday) {
			t.Errorf("stored receipt %v", stored.ReceivedAt)
		}

		// A pause until 20-03: nothing on the worklist before, the item that morning, gone after resuming.
		if _, err := f.sv.PauseUntil(ctx, f.nurse, id, "hospital_admission", "", calendar.NewDate(2026, 3, 9)); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("a pause ending today: want invalid, got %v", err)
		}
		if _, err := f.sv.PauseUntil(ctx, f.nurse, id, "hospital_admission", "", calendar.NewDate(2026, 3, 20)); err != nil {
			t.Fatal(err)
		}
		pauseItems := func(at time.Time) int {
			n := 0
			for _, it := range dbtest.Must(db.Worklist(ctx, f.nurse, at, workflow.DefaultSettings()))(t).Items {
				if it.Kind == workflow.WorkPauseEnd {
					n++
				}
			}
			return n
		}
		if n := pauseItems(time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)); n != 0 {
			t.Errorf("before the planned end: %d pause items", n)
		}
		if n := pauseItems(time.Date(2026, 3, 20, 7, 30, 0, 0, time.UTC)); n != 1 {
			t.Errorf("on the planned end: %d pause items, want 1", n)
		}
		f.clock = time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC)
		if _, err := f.sv.Resume(ctx, f.nurse, id, ""); err != nil {
			t.Fatal(err)
		}
		if n := pauseItems(time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)); n != 0 {
			t.Errorf("after resuming: %d pause items", n)
		}
	})
}
