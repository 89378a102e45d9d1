package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Remind computes the reminders due at now and records those not yet
// recorded: GP follow-ups (Settings.GPFollowUpDue after the request or its
// redirect), prescription renewals (Settings.RenewalDue), first rolls
// (Settings.FirstRollDue) and overdue urgent rolls. It returns the
// reminders it created, in (kind, due, case) order.
//
// Remind is idempotent and safe to run from several machines at once
// against one database: each reminder is one INSERT … ON CONFLICT
// (case_id, kind, due_at) DO NOTHING in its own statement, and due times are
// whole seconds computed the same way everywhere, so a reminder is created
// exactly once whoever gets there first.
func (db *DB) Remind(ctx context.Context, now time.Time, s workflow.Settings) ([]workflow.Reminder, error) {
	now = now.UTC()
	var due []workflow.Reminder
	for _, f := range []func(context.Context, time.Time, workflow.Settings) ([]workflow.Reminder, error){
		db.dueGPFollowUps, db.dueRenewals, db.dueFirstRolls, db.dueUrgentOverdue,
	} {
		rs, err := f(ctx, now, s)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !r.DueAt.After(now) {
				due = append(due, r)
			}
		}
	}
	slices.SortFunc(due, func(a, b workflow.Reminder) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), a.DueAt.Compare(b.DueAt), cmp.Compare(a.CaseID, b.CaseID))
	})
	var created []workflow.Reminder
	for _, r := range due {
		r.ID = workflow.NewID()
		row := reminderRow{ID: r.ID, CaseID: r.CaseID, Kind: r.Kind, DueAt: r.DueAt, Note: r.Note}
		res, err := db.bun.NewInsert().Model(&row).On("CONFLICT (case_id, kind, due_at) DO NOTHING").Exec(ctx)
		if err != nil {
			return created, fmt.Errorf("record reminder %s: %w", r.Kind, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			created = append(created, r)
		}
	}
	return created, nil
}

func (db *DB) dueGPFollowUps(ctx context.Context, now time.Time, s workflow.Settings) ([]workflow.Reminder, error) {
	var rows []struct {
		CaseID       string     `bun:"case_id"`
		RequestedAt  time.Time  `bun:"requested_at"`
		RedirectedAt *time.Time `bun:"redirected_at"`
	}
	err := db.bun.NewSelect().TableExpr("gp_requests AS gr").Join("JOIN cases AS c ON c.id = gr.case_id").
		ColumnExpr("gr.case_id, gr.requested_at, gr.redirected_at").
		Where("gr.decided_at IS NULL AND c.state = ?", string(workflow.StateAwaitingGP)).
		// N working days are at least N calendar days: only those can be due.
		Where("COALESCE(gr.redirected_at, gr.requested_at) <= ?", now.AddDate(0, 0, -s.GPReminderDays)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find GP follow-ups: %w", err)
	}
	out := make([]workflow.Reminder, len(rows))
	for i, r := range rows {
		base := r.RequestedAt
		if r.RedirectedAt != nil {
			base = *r.RedirectedAt
		}
		out[i] = workflow.Reminder{CaseID: r.CaseID, Kind: workflow.ReminderGPFollowUp, DueAt: s.GPFollowUpDue(base)}
	}
	return out, nil
}

func (db *DB) dueRenewals(ctx context.Context, now time.Time, s workflow.Settings) ([]workflow.Reminder, error) {
	var rows []struct {
		CaseID  string        `bun:"case_id"`
		Expires calendar.Date `bun:"prescription_expires"`
	}
	err := db.bun.NewSelect().TableExpr("gp_requests AS gr").Join("JOIN cases AS c ON c.id = gr.case_id").
		ColumnExpr("gr.case_id, gr.prescription_expires").
		Where("gr.decision = 'approved' AND gr.prescription_expires IS NOT NULL").
		Where("c.state IN (?)", bunList(workflow.StateApproved, workflow.StateActive, workflow.StatePaused)).
		Where("gr.prescription_expires <= ?", calendar.Today(now).AddDays(s.RenewalNoticeDays+1)).
		Where("NOT EXISTS (SELECT 1 FROM gp_requests g2 WHERE g2.case_id = gr.case_id AND g2.decision = 'approved' AND g2.decided_at > gr.decided_at)").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find prescription renewals: %w", err)
	}
	out := make([]workflow.Reminder, len(rows))
	for i, r := range rows {
		out[i] = workflow.Reminder{CaseID: r.CaseID, Kind: workflow.ReminderRenewal, DueAt: s.RenewalDue(r.Expires)}
	}
	return out, nil
}

func (db *DB) dueFirstRolls(ctx context.Context, now time.Time, s workflow.Settings) ([]workflow.Reminder, error) {
	var rows []struct {
		CaseID    string    `bun:"case_id"`
		DecidedAt time.Time `bun:"decided_at"`
	}
	err := db.bun.NewSelect().TableExpr("gp_requests AS gr").Join("JOIN cases AS c ON c.id = gr.case_id").
		ColumnExpr("gr.case_id, gr.decided_at").
		Where("gr.decision = 'approved' AND c.state = ?", string(workflow.StateApproved)).
		Where("gr.decided_at <= ?", now.AddDate(0, 0, -s.FirstRollDays)).
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find first rolls: %w", err)
	}
	out := make([]workflow.Reminder, len(rows))
	for i, r := range rows {
		out[i] = workflow.Reminder{CaseID: r.CaseID, Kind: workflow.ReminderFirstRoll, DueAt: s.FirstRollDue(r.DecidedAt)}
	}
	return out, nil
}

func (db *DB) dueUrgentOverdue(ctx context.Context, now time.Time, _ workflow.Settings) ([]workflow.Reminder, error) {
	var rows []urgentRollRow
	err := db.bun.NewSelect().Model(&rows).
		Where("u.status IN (?)", bunList(workflow.UrgentRequested, workflow.UrgentAccepted, workflow.UrgentPacked)).
		Where("u.promised_by < ? OR u.needed_by < ?", now, now).
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find overdue urgent rolls: %w", err)
	}
	var out []workflow.Reminder
	for _, r := range rows {
		u := r.toUrgent()
		if u.Overdue(now) {
			out = append(out, workflow.Reminder{CaseID: u.CaseID, Kind: workflow.ReminderUrgentOverdue,
				DueAt: workflow.UrgentOverdueDue(u), Note: "urgent roll " + u.ID})
		}
	}
	return out, nil
}

// ReminderCount is how many open reminders of a kind are due.
type ReminderCount struct {
	Kind  string
	Count int
}

// DueReminderCounts counts the open reminders due at now by kind, across
// every case (an aggregate: no citizen data).
func (db *DB) DueReminderCounts(ctx context.Context, now time.Time) ([]ReminderCount, error) {
	var out []ReminderCount
	err := db.bun.NewSelect().TableExpr("reminders AS r").Join("JOIN cases AS c ON c.id = r.case_id").
		ColumnExpr("r.kind AS kind, COUNT(*) AS count").
		Where("r.done_at IS NULL AND r.due_at <= ? AND c.closed_at IS NULL", now.UTC()).
		GroupExpr("r.kind").OrderExpr("r.kind").Scan(ctx, &out)
	return out, wrap(err, "count due reminders")
}
