package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestPharmacyDay: pharmacy staff change their own lead time and closing
// days (within the validated ranges, logged), see what they delivered with
// the citizen and period, and each deviation traced to citizen, period
// and day; nurses may do none of it.
func TestPharmacyDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		id := f.cases["active"].ID
		if _, err := db.UpdateOwnPharmacy(ctx, f.nurse, 24, nil, f.now); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse: want forbidden, got %v", err)
		}
		if _, err := db.UpdateOwnPharmacy(ctx, f.pharm, 500, nil, f.now); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("500 hours: want invalid, got %v", err)
		}
		closing := []calendar.ClosingDay{{Month: time.December, Day: 24, NameDA: "Juleaften"}}
		p, err := db.UpdateOwnPharmacy(ctx, f.pharm, 48, closing, f.now)
		if err != nil || p.LeadTimeHours != 48 || len(p.ExtraClosingDays) != 1 {
			t.Fatalf("own settings: %+v %v", p, err)
		}
		if stored := dbtest.Must(db.Pharmacy(ctx, f.p.ID))(t); stored.LeadTimeHours != 48 || stored.PeriodDays != f.p.PeriodDays {
			t.Errorf("stored pharmacy %+v", stored)
		}
		if ch := dbtest.Must(db.RecordChanges(ctx, "pharmacy", f.p.ID))(t); len(ch) != 2 || ch[0].Actor != "u-pharm" {
			t.Errorf("changes %+v", ch)
		}

		if _, err := f.sv.RecordReceipt(ctx, f.nurse, id, 1, workflow.ReceiptInput{Deviations: []string{"missing_pouch"}, Note: "mangler tirsdag"}); err != nil {
			t.Fatal(err)
		}
		ds := dbtest.Must(db.PharmacyDeviationsTraced(ctx, f.pharm, f.now.AddDate(0, 0, -90)))(t)
		if len(ds) != 1 || ds[0].CitizenName != "Dorte Eng" || ds[0].PeriodSeq != 1 || ds[0].PeriodEnd != calendar.NewDate(2026, 3, 12) ||
			!ds[0].RecordedAt.Equal(f.now) {
			t.Errorf("traced deviations %+v", ds)
		}
		if _, err := db.PharmacyDeviationsTraced(ctx, f.nurse, f.now); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse: want forbidden, got %v", err)
		}

		// Period 1 is marked delivered by the fixture's SQL without a time:
		// give it one, then the history lists it and the urgent roll.
		if _, err := db.Bun().ExecContext(ctx, "UPDATE roll_periods SET delivered_at = ? WHERE case_id = ? AND seq = 1", f.now.AddDate(0, 0, -10), id); err != nil {
			t.Fatal(err)
		}
		got := dbtest.Must(db.PharmacyDeliveries(ctx, f.pharm, f.now.AddDate(0, 0, -30)))(t)
		if len(got) != 2 {
			t.Fatalf("deliveries %+v", got)
		}
		urgent, period := got[0], got[1]
		if urgent.UrgentRollID != f.urgentDelivered.ID || urgent.CitizenName != "Dorte Eng" || urgent.ReceivedAt != nil {
			t.Errorf("urgent delivery %+v", urgent)
		}
		if period.PeriodSeq != 1 || period.PeriodStart != calendar.NewDate(2026, 2, 27) || period.ReceivedAt == nil {
			t.Errorf("period delivery %+v", period)
		}
		other := workflow.Actor{UserID: "u-p2", Role: workflow.RolePharmacy, PharmacyID: "another"}
		if n := len(dbtest.Must(db.PharmacyDeliveries(ctx, other, f.now.AddDate(0, 0, -30)))(t)); n != 0 {
			t.Errorf("another pharmacy sees %d deliveries", n)
		}
	})
}
