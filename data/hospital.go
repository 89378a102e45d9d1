package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/uptrace/bun"
)

type hospitalRow struct {
	bun.BaseModel `bun:"table:hospital_notifications,alias:hn"`
	ID            string    `bun:"id,pk"`
	CaseID        string    `bun:"case_id"`
	Kind          string    `bun:"kind"`
	At            time.Time `bun:"at"`
	Hospital      string    `bun:"hospital"`
	MessageID     *string   `bun:"message_id"`
	Source        string    `bun:"source"`
	RecordedBy    string    `bun:"recorded_by"`
	RecordedAt    time.Time `bun:"recorded_at"`
}

func (t *txStore) HospitalMessageSeen(ctx context.Context, messageID string) (bool, error) {
	n, err := t.tx.NewSelect().Table("hospital_notifications").Where("message_id = ?", messageID).Count(ctx)
	if err != nil {
		return false, fmt.Errorf("look up hospital message: %w", err)
	}
	return n > 0, nil
}

func (t *txStore) InsertHospitalNotification(ctx context.Context, n workflow.HospitalNotification) (bool, error) {
	r := hospitalRow{ID: n.ID, CaseID: n.CaseID, Kind: n.Kind, At: n.At, Hospital: n.Hospital,
		MessageID: nullable(n.MessageID), Source: n.Source, RecordedBy: n.RecordedBy, RecordedAt: n.RecordedAt}
	res, err := t.tx.NewInsert().Model(&r).On("CONFLICT (message_id) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("insert hospital notification: %w", err)
	}
	n2, _ := res.RowsAffected()
	return n2 == 1, nil
}

// CaseHospitalNotifications lists a case's hospital notifications by time,
// within the actor's scope.
func (db *DB) CaseHospitalNotifications(ctx context.Context, a workflow.Actor, caseID string) ([]workflow.HospitalNotification, error) {
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return nil, notFound(err, "err.case.not_found")
	}
	var rows []hospitalRow
	if err := db.bun.NewSelect().Model(&rows).Where("hn.case_id = ?", caseID).Order("hn.at", "hn.recorded_at").
		Scan(ctx); err != nil {
		return nil, fmt.Errorf("load hospital notifications: %w", err)
	}
	out := make([]workflow.HospitalNotification, len(rows))
	for i, r := range rows {
		out[i] = workflow.HospitalNotification{ID: r.ID, CaseID: r.CaseID, Kind: r.Kind, At: r.At.UTC(),
			Hospital: r.Hospital, MessageID: deref(r.MessageID), Source: r.Source, RecordedBy: r.RecordedBy,
			RecordedAt: r.RecordedAt.UTC()}
	}
	return out, nil
}

// OpenCaseByCPR returns the id of the open case of the citizen with the CPR
// number, within the actor's scope. The lookup is logged, found or not.
func (db *DB) OpenCaseByCPR(ctx context.Context, a workflow.Actor, number string, now time.Time) (string, error) {
	if _, err := cpr.Parse(number); err != nil {
		return "", workflow.InvalidCPR(err)
	}
	cit, err := db.FindCitizenByCPR(ctx, a, number, now)
	if err != nil {
		return "", err
	}
	var ids []string
	q := db.bun.NewSelect().TableExpr("cases AS c").Column("c.id").
		Where("c.citizen_id = ? AND c.closed_at IS NULL", cit.ID)
	if err := scoped(q, a.Scope(), "c").Scan(ctx, &ids); err != nil {
		return "", fmt.Errorf("find open case: %w", err)
	}
	if len(ids) == 0 {
		return "", workflow.NotFound("err.case.no_open_case")
	}
	return ids[0], nil
}
