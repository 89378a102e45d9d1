package demo

import (
	"context"
	"strconv"

	"github.com/uptrace/bun/schema"
)

// tables holds one batch per table, in foreign-key order: flushing them in
// this order writes every parent row before its children.
type tables struct {
	pharmacies, closedDates, gps, gpAbsences, citizens, cases, consents, assessments,
	gpRequests, reminders, audit, periods, hospital, urgent, urgentEvents, changes, deviations *batch
	order []*batch
}

func newTables(d schema.Dialect) *tables {
	t := &tables{
		pharmacies: newBatch(d, "pharmacies", "id", "name", "municipality_code", "period_days",
			"deadline_working_days", "lead_time_hours", "extra_closing_days", "created_at"),
		closedDates: newBatch(d, "pharmacy_closed_dates", "pharmacy_id", "date", "name"),
		gps:         newBatch(d, "gps", "id", "ydernummer", "name", "clinic", "municipality_code", "created_at"),
		gpAbsences:  newBatch(d, "gp_absences", "id", "gp_id", "from_date", "to_date", "substitute_gp_id", "note"),
		citizens: newBatch(d, "citizens", "id", "cpr", "name", "birth_date", "sex", "municipality_code",
			"gp_id", "medicine_help", "created_at"),
		cases: newBatch(d, "cases", "id", "citizen_id", "municipality_code", "state", "version", "source",
			"gp_id", "pharmacy_id", "state_reason", "opened_at", "updated_at", "closed_at"),
		consents: newBatch(d, "consents", "id", "case_id", "given_by", "giver_name", "method", "given_on",
			"recorder_in_daily_care", "recorded_by", "recorded_at", "withdrawn_at", "withdrawn_recorded_by", "withdrawal_note"),
		assessments: newBatch(d, "assessments", "id", "case_id", "ruleset_id", "ruleset_version", "outcome",
			"facts", "results", "assessed_by", "assessed_at"),
		gpRequests: newBatch(d, "gp_requests", "id", "case_id", "gp_id", "requested_at", "requested_by",
			"decided_at", "decision", "decision_reason", "prescription_expires"),
		reminders: newBatch(d, "reminders", "id", "case_id", "kind", "due_at", "done_at", "note"),
		audit: newBatch(d, "audit_events", "case_id", "seq", "at", "actor", "actor_role", "event",
			"from_state", "to_state", "reason", "note"),
		periods: newBatch(d, "roll_periods", "case_id", "pharmacy_id", "municipality_code", "seq", "start_date",
			"end_date", "deadline", "packing_date", "expected_delivery", "length_days", "status",
			"delivered_at", "received_at", "received_by"),
		hospital: newBatch(d, "hospital_notifications", "id", "case_id", "kind", "at", "hospital", "message_id",
			"source", "recorded_by", "recorded_at"),
		urgent: newBatch(d, "urgent_rolls", "id", "case_id", "pharmacy_id", "municipality_code", "reason", "status",
			"version", "needed_by", "promised_by", "requested_at", "requested_by", "accepted_at", "rejected_at",
			"reject_reason", "packed_at", "delivered_at", "cancelled_at", "received_at", "note"),
		urgentEvents: newBatch(d, "urgent_roll_events", "urgent_roll_id", "seq", "at", "actor", "actor_role",
			"from_status", "to_status", "note"),
		changes: newBatch(d, "medication_changes", "id", "case_id", "municipality_code", "effective_date", "description", "decision",
			"period_id", "urgent_roll_id", "recorded_by", "recorded_at"),
		deviations: newBatch(d, "receipt_deviations", "case_id", "period_id", "urgent_roll_id", "pharmacy_id",
			"kind", "note", "recorded_by", "recorded_at"),
	}
	t.order = []*batch{t.pharmacies, t.closedDates, t.gps, t.gpAbsences, t.citizens, t.cases, t.consents,
		t.assessments, t.gpRequests, t.reminders, t.audit, t.periods, t.hospital, t.urgent, t.urgentEvents,
		t.changes, t.deviations}
	return t
}

// full reports whether any batch should be flushed.
func (t *tables) full() bool {
	for _, b := range t.order {
		if b.full() {
			return true
		}
	}
	return false
}

// flush writes every pending row, parents first.
func (t *tables) flush(ctx context.Context, db execer) error {
	for _, b := range t.order {
		if err := b.flush(ctx, db); err != nil {
			return err
		}
	}
	return nil
}

// periodRef is the SQL that finds a roll period's serial id by its case
// and sequence number, for rows that point at a period.
func periodRef(d schema.Dialect, caseID string, seq int) rawSQL {
	b := []byte("(SELECT id FROM roll_periods WHERE case_id = ")
	b = d.AppendString(b, caseID)
	b = append(b, " AND seq = "...)
	b = append(b, strconv.Itoa(seq)...)
	b = append(b, ')')
	return rawSQL(b)
}
