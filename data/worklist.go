package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// workRow is one row of a worklist query.
type workRow struct {
	CaseID      string        `bun:"case_id"`
	RefID       string        `bun:"ref_id"`
	Due         time.Time     `bun:"due"`
	Due2        *time.Time    `bun:"due2"`
	DueDay      calendar.Date `bun:"due_day"` // a date-only deadline instead of Due
	CitizenName string        `bun:"citizen_name"`
}

// workQuery is one source of worklist items: a query and how its rows
// become items.
type workQuery struct {
	kind workflow.WorkKind
	q    *bun.SelectQuery
	// due picks the item's due time (default: the row's Due); it must be
	// the row's due column moved by shift.
	due   func(workRow) time.Time
	shift time.Duration
	// order is "due_day" for a source of date-only deadlines (the due_day
	// column), else the due column is used.
	order string
}

// Worklist returns what the actor's role must do now, most urgent first,
// computed in SQL within the actor's scope. Nurses get consents to record,
// overdue GP requests, requests to absent GPs, changes that miss the next
// deadline, deliveries to check and late first rolls; pharmacy staff their
// open urgent rolls and this ISO week's periods to pack; project leads (and
// admins, over everything) everything overdue in the municipality. Items
// carry citizen names for nurses and pharmacy staff only, never CPR numbers.
func (db *DB) Worklist(ctx context.Context, a workflow.Actor, now time.Time, s workflow.Settings) (workflow.Worklist, error) {
	w, _, err := db.WorklistTop(ctx, a, now, s, 0)
	return w, err
}

// WorklistTop is Worklist limited to its n most urgent items (all of them
// when n <= 0), with the number of items the whole worklist holds. The
// limit is applied in SQL: each source reads at most n rows in due order
// and is counted only when it has more, so a municipality with a thousand
// deliveries to check costs a count, not a thousand items.
func (db *DB) WorklistTop(ctx context.Context, a workflow.Actor, now time.Time, s workflow.Settings, n int) (workflow.Worklist, int, error) {
	now = now.UTC()
	w := workflow.Worklist{Role: a.Role, Now: now}
	var qs []workQuery
	switch a.Role {
	case workflow.RoleNurse:
		qs = db.nurseWork(a.Scope(), now, s)
	case workflow.RolePharmacy:
		qs = db.pharmacyWork(a.Scope(), now)
	case workflow.RoleLead, workflow.RoleAdmin:
		qs = db.leadWork(a.Scope(), now, s)
	default:
		return w, 0, workflow.Forbidden("err.worklist.role_none")
	}
	names := a.Role == workflow.RoleNurse || a.Role == workflow.RolePharmacy
	total := 0
	for _, wq := range qs {
		rows, count, stale, err := wq.top(ctx, n, names, now)
		if err != nil {
			return w, 0, fmt.Errorf("worklist %s: %w", wq.kind, err)
		}
		total += count
		w.StaleTotal += stale
		for _, r := range rows {
			due := r.Due
			if wq.due != nil {
				due = wq.due(r)
			}
			name := ""
			if names {
				name = r.CitizenName
			}
			if !r.DueDay.IsZero() {
				w.AddDay(wq.kind, r.CaseID, r.RefID, r.DueDay, name)
				continue
			}
			day := calendar.DayOf(due)
			w.Add(wq.kind, r.CaseID, r.RefID, due, name, day.FormatWithWeek("da"), day.FormatWithWeek("en"))
		}
	}
	w.Sort()
	if n > 0 && len(w.Items) > n {
		w.Items = w.Items[:n]
	}
	return w, total, nil
}

// caseWork starts a query on cases (c), scoped; top joins the citizens
// for their names.
func (db *DB) caseWork(s workflow.Scope, table string) *bun.SelectQuery {
	q := db.bun.NewSelect().TableExpr(table)
	if table != "cases AS c" {
		q = q.Join("JOIN cases AS c ON c.id = x.case_id")
	}
	q = q.ColumnExpr("c.id AS case_id")
	return scoped(q, s, "c")
}

func (db *DB) nurseWork(s workflow.Scope, now time.Time, st workflow.Settings) []workQuery {
	today := calendar.Today(now)
	return []workQuery{
		{kind: workflow.WorkConsent, q: db.caseWork(s, "cases AS c").
			ColumnExpr("c.id AS ref_id, c.updated_at AS due").Where("c.state = ?", string(workflow.StateAwaitingConsent)),
			due:   func(r workRow) time.Time { return r.Due.AddDate(0, 0, workflow.ConsentTargetDays) },
			shift: workflow.ConsentTargetDays * 24 * time.Hour},
		db.gpOverdueWork(s, now),
		{kind: workflow.WorkGPAbsent, q: db.caseWork(s, "gp_requests AS x").
			ColumnExpr("x.id AS ref_id, x.requested_at AS due").
			Where("x.decided_at IS NULL AND c.state = ?", string(workflow.StateAwaitingGP)).
			Where("EXISTS (SELECT 1 FROM gp_absences ga WHERE ga.gp_id = x.gp_id AND ga.from_date <= ? AND ga.to_date >= ?)", today, today)},
		{kind: workflow.WorkChangeMissesDeadline, q: rowScoped(db.caseWork(s, "medication_changes AS x"), s).
			ColumnExpr("x.id AS ref_id, x.effective_date AS due_day").
			Where("x.decision IN (?)", bun.List([]string{workflow.ChangeUrgentRoll, workflow.ChangeBridge})).
			Where("c.state IN (?)", bun.List([]string{string(workflow.StateActive), string(workflow.StatePaused)})).
			Where("x.effective_date >= ?", today.AddDays(-workflow.ChangeWatchDays)).
			Where("NOT EXISTS (SELECT 1 FROM urgent_rolls u WHERE u.id = x.urgent_roll_id AND u.status = ?)", string(workflow.UrgentDelivered)),
			order: "due_day"},
		{kind: workflow.WorkDeliveryToCheck, q: rowScoped(db.caseWork(s, "roll_periods AS x"), s).
			ColumnExpr("CAST(x.id AS TEXT) AS ref_id, x.expected_delivery AS due_day").
			Where("x.status = ? AND x.received_at IS NULL", string(workflow.PeriodDispensed)),
			order: "due_day"},
		{kind: workflow.WorkUrgentToCheck, q: rowScoped(db.caseWork(s, "urgent_rolls AS x"), s).
			ColumnExpr("x.id AS ref_id, x.delivered_at AS due").
			Where("x.status = ? AND x.received_at IS NULL", string(workflow.UrgentDelivered))},
		db.firstRollLateWork(s, now, st),
		{kind: workflow.WorkGPReplied, q: db.caseWork(s, "reminders AS x").ColumnExpr("x.id AS ref_id, x.due_at AS due").
			Where("x.kind = ? AND x.done_at IS NULL AND c.state = ?", workflow.ReminderGPReplied, string(workflow.StateAwaitingGP))},
		// Shown while the case is as the message left it, for at most 14 days.
		{kind: workflow.WorkHospitalCheck, q: db.caseWork(s, "reminders AS x").ColumnExpr("x.id AS ref_id, x.due_at AS due").
			Where("x.kind = ? AND x.done_at IS NULL AND c.updated_at <= x.due_at AND x.due_at >= ?",
				workflow.ReminderHospitalCheck, now.AddDate(0, 0, -14))},
		{kind: workflow.WorkUrgentRejected, q: rowScoped(db.caseWork(s, "urgent_rolls AS x"), s).
			ColumnExpr("x.id AS ref_id, x.rejected_at AS due").
			Where("x.status = ? AND c.closed_at IS NULL", string(workflow.UrgentRejected)).
			Where("NOT EXISTS (SELECT 1 FROM urgent_rolls u2 WHERE u2.case_id = x.case_id AND u2.requested_at > x.rejected_at)")},
		{kind: workflow.WorkUrgentLatePromise, q: rowScoped(db.caseWork(s, "urgent_rolls AS x"), s).
			ColumnExpr("x.id AS ref_id, x.needed_by AS due").
			Where("x.status IN (?) AND x.promised_by > x.needed_by", openUrgent())},
		{kind: workflow.WorkPauseEnd, q: db.caseWork(s, "reminders AS x").
			ColumnExpr("x.id AS ref_id, x.due_at AS due").
			Where("x.kind = ? AND x.done_at IS NULL AND x.due_at <= ?", workflow.ReminderPauseEnd, now).
			Where("c.state = ?", string(workflow.StatePaused))},
	}
}

// openUrgent lists the statuses of an urgent roll the pharmacy still works on.
func openUrgent() any {
	return bun.List([]string{string(workflow.UrgentRequested), string(workflow.UrgentAccepted), string(workflow.UrgentPacked)})
}

func (db *DB) gpOverdueWork(s workflow.Scope, now time.Time) workQuery {
	return workQuery{kind: workflow.WorkGPOverdue, q: db.caseWork(s, "reminders AS x").
		ColumnExpr("x.id AS ref_id, x.due_at AS due").
		Where("x.kind = ? AND x.done_at IS NULL AND x.due_at <= ?", workflow.ReminderGPFollowUp, now).
		Where("c.state = ?", string(workflow.StateAwaitingGP))}
}

func (db *DB) firstRollLateWork(s workflow.Scope, now time.Time, st workflow.Settings) workQuery {
	return workQuery{kind: workflow.WorkFirstRollLate, q: db.caseWork(s, "gp_requests AS x").
		ColumnExpr("x.id AS ref_id, x.decided_at AS due").
		Where("c.state = ? AND x.decision = 'approved'", string(workflow.StateApproved)).
		Where("x.decided_at <= ?", now.AddDate(0, 0, -st.FirstRollDays)),
		due: func(r workRow) time.Time { return st.FirstRollDue(r.Due) }, shift: time.Duration(st.FirstRollDays) * 24 * time.Hour}
}

func (db *DB) pharmacyWork(s workflow.Scope, now time.Time) []workQuery {
	monday := calendar.Today(now).WeekStart()
	urgent := db.bun.NewSelect().TableExpr("urgent_rolls AS u").
		Join("JOIN cases AS c ON c.id = u.case_id").
		ColumnExpr("u.case_id, u.id AS ref_id, u.needed_by AS due").
		Where("u.status IN (?)", openUrgent())
	periods := db.bun.NewSelect().TableExpr("roll_periods AS u").
		Join("JOIN cases AS c ON c.id = u.case_id").
		ColumnExpr("u.case_id, CAST(u.id AS TEXT) AS ref_id, u.packing_date AS due_day").
		Where("u.packing_date >= ? AND u.packing_date < ?", monday, monday.AddDays(7)).
		Where("u.status IN (?)", bun.List([]string{string(workflow.PeriodPlanned), string(workflow.PeriodReady)}))
	return []workQuery{
		{kind: workflow.WorkUrgentRequest, q: scopedDirect(urgent, s, "u")},
		{kind: workflow.WorkPeriodToPack, q: scopedDirect(periods, s, "u"), order: "due_day"},
	}
}

func (db *DB) leadWork(s workflow.Scope, now time.Time, st workflow.Settings) []workQuery {
	open := openUrgent()
	return []workQuery{
		{kind: workflow.WorkReminderOverdue, q: db.caseWork(s, "reminders AS x").
			ColumnExpr("x.id AS ref_id, x.due_at AS due").
			Where("x.done_at IS NULL AND x.due_at <= ? AND c.closed_at IS NULL", now).
			Where("x.kind NOT IN (?)", bun.List([]string{workflow.ReminderGPFollowUp, workflow.ReminderFirstRoll, workflow.ReminderUrgentOverdue,
				workflow.ReminderGPReplied, workflow.ReminderHospitalCheck}))},
		{kind: workflow.WorkUrgentOverdue, q: rowScoped(db.caseWork(s, "urgent_rolls AS x"), s).
			ColumnExpr("x.id AS ref_id").
			ColumnExpr("CASE WHEN x.needed_by IS NOT NULL AND x.needed_by < x.promised_by THEN x.needed_by ELSE x.promised_by END AS due").
			Where("x.status IN (?) AND (x.promised_by < ? OR x.needed_by < ?)", open, now, now)},
		db.firstRollLateWork(s, now, st),
		db.gpOverdueWork(s, now),
	}
}
