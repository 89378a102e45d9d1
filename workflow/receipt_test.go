package workflow_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

func TestReceiptGuards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c := f.activeCase(t)
		pharmacist := workflow.Actor{UserID: "u-pharm", Role: workflow.RolePharmacy, PharmacyID: f.pharm.ID}
		in := workflow.ReceiptInput{Deviations: []string{"late", "missing_pouch"}, Note: "pose 3 mangler"}

		// Period 1's deadline (02-03) has not passed at 15:00 on 02-03: not packed yet.
		if _, err := f.sv.RecordDelivered(ctx, pharmacist, c.ID, 1); workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("delivery before the deadline: %v", err)
		}
		if _, err := f.sv.RecordReceipt(ctx, f.nurse, c.ID, 1, in); workflow.KindOf(err) != workflow.KindInvalid ||
			!strings.Contains(err.Error(), "not been delivered") {
			t.Fatalf("receipt of an undelivered roll: %v", err)
		}
		f.now = dkTime(t, 2026, 3, 4, 11, 0)
		if _, err := f.sv.RecordDelivered(ctx, f.nurse, c.ID, 1); workflow.KindOf(err) != workflow.KindForbidden {
			t.Fatalf("a nurse recorded a delivery: %v", err)
		}
		p := dbtest.Must(f.sv.RecordDelivered(ctx, pharmacist, c.ID, 1))(t)
		if p.Status != workflow.PeriodDispensed || p.DeliveredAt == nil {
			t.Fatalf("delivered: %+v", p)
		}
		bad := workflow.ReceiptInput{Deviations: []string{"smells"}}
		if _, err := f.sv.RecordReceipt(ctx, f.nurse, c.ID, 1, bad); workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("unknown deviation: %v", err)
		}
		if _, err := f.sv.RecordReceipt(ctx, pharmacist, c.ID, 1, in); workflow.KindOf(err) != workflow.KindForbidden {
			t.Fatalf("pharmacy did receipt control: %v", err)
		}
		f.now = dkTime(t, 2026, 3, 4, 15, 0)
		p = dbtest.Must(f.sv.RecordReceipt(ctx, f.nurse, c.ID, 1, in))(t)
		if p.Status != workflow.PeriodReceived || p.ReceivedBy != "u-nurse" || p.ReceiptNote != in.Note {
			t.Fatalf("received: %+v", p)
		}
		_, err := f.sv.RecordReceipt(ctx, f.nurse, c.ID, 1, workflow.ReceiptInput{})
		if workflow.KindOf(err) != workflow.KindConflict || !strings.Contains(err.Error(), "already received on 04-03-2026") {
			t.Fatalf("second receipt: %v", err)
		}
		ds := dbtest.Must(db.CaseDeviations(ctx, f.nurse, c.ID))(t)
		if len(ds) != 2 || ds[0].Kind != "late" || ds[1].Kind != "missing_pouch" || ds[0].PeriodID != p.ID ||
			ds[0].PharmacyID != f.pharm.ID || ds[0].Note != in.Note {
			t.Fatalf("deviations: %+v", ds)
		}
		ps := dbtest.Must(db.CasePeriods(ctx, f.nurse, c.ID))(t)
		if ps[0].Status != workflow.PeriodReceived || ps[0].ReceivedAt == nil || ps[1].Status != workflow.PeriodPlanned {
			t.Fatalf("stored periods: %q", periodSummary(ps))
		}
	})
}
