package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

type urgentRollRow struct {
	bun.BaseModel `bun:"table:urgent_rolls,alias:u"`
	ID            string     `bun:"id,pk"`
	CaseID        string     `bun:"case_id"`
	PharmacyID    string     `bun:"pharmacy_id"`
	Municipality  int        `bun:"municipality_code"`
	Reason        string     `bun:"reason"`
	Status        string     `bun:"status"`
	Version       int        `bun:"version"`
	NeededBy      time.Time  `bun:"needed_by"`
	PromisedBy    time.Time  `bun:"promised_by"`
	RequestedAt   time.Time  `bun:"requested_at"`
	RequestedBy   string     `bun:"requested_by"`
	AcceptedAt    *time.Time `bun:"accepted_at"`
	RejectedAt    *time.Time `bun:"rejected_at"`
	RejectReason  string     `bun:"reject_reason"`
	PackedAt      *time.Time `bun:"packed_at"`
	DeliveredAt   *time.Time `bun:"delivered_at"`
	CancelledAt   *time.Time `bun:"cancelled_at"`
	ReceivedAt    *time.Time `bun:"received_at"`
	Note          string     `bun:"note"`
	RequestKey    *string    `bun:"request_key"`
}

func urgentRowFrom(u workflow.UrgentRoll) urgentRollRow {
	return urgentRollRow{ID: u.ID, CaseID: u.CaseID, PharmacyID: u.PharmacyID, Municipality: u.Municipality,
		Reason: u.Reason, Status: string(u.Status), Version: u.Version, NeededBy: u.NeededBy, PromisedBy: u.PromisedBy,
		RequestedAt: u.RequestedAt, RequestedBy: u.RequestedBy, AcceptedAt: u.AcceptedAt, RejectedAt: u.RejectedAt,
		RejectReason: u.RejectReason, PackedAt: u.PackedAt, DeliveredAt: u.DeliveredAt, CancelledAt: u.CancelledAt,
		ReceivedAt: u.ReceivedAt, Note: u.Note}
}

func (r urgentRollRow) toUrgent() workflow.UrgentRoll {
	return workflow.UrgentRoll{ID: r.ID, CaseID: r.CaseID, PharmacyID: r.PharmacyID, Municipality: r.Municipality,
		Reason: r.Reason, Status: workflow.UrgentStatus(r.Status), Version: r.Version, NeededBy: r.NeededBy.UTC(),
		PromisedBy: r.PromisedBy.UTC(), RequestedAt: r.RequestedAt.UTC(), RequestedBy: r.RequestedBy,
		AcceptedAt: utcPtr(r.AcceptedAt), RejectedAt: utcPtr(r.RejectedAt), RejectReason: r.RejectReason,
		PackedAt: utcPtr(r.PackedAt), DeliveredAt: utcPtr(r.DeliveredAt), CancelledAt: utcPtr(r.CancelledAt),
		ReceivedAt: utcPtr(r.ReceivedAt), Note: r.Note, RequestKey: deref(r.RequestKey)}
}

type urgentEventRow struct {
	bun.BaseModel `bun:"table:urgent_roll_events"`
	ID            int64     `bun:"id,pk,autoincrement"`
	UrgentRollID  string    `bun:"urgent_roll_id"`
	Seq           int       `bun:"seq"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	FromStatus    string    `bun:"from_status"`
	ToStatus      string    `bun:"to_status"`
	Note          string    `bun:"note"`
}

func (t *txStore) InsertUrgentRoll(ctx context.Context, u workflow.UrgentRoll) error {
	r := urgentRowFrom(u)
	r.RequestKey = nullable(u.RequestKey)
	_, err := t.tx.NewInsert().Model(&r).Exec(ctx)
	if isUniqueViolation(err) {
		return urgentConflict(err)
	}
	if err != nil {
		return wrap(err, "insert urgent roll")
	}
	urgentOf(t.rollups().deltas, r.Municipality, r.PharmacyID, r.RequestedAt.UTC(), r.PromisedBy.UTC(), utcPtr(r.DeliveredAt), 1)
	t.rollups().urgent[r.ID] = r
	return nil
}

// OpenUrgentRolls locks the case row (FOR UPDATE on PostgreSQL; a SQLite
// transaction holds the write lock from its start) so two requests for one
// case are decided one after the other, then reads its open rolls and the
// roll with the key.
func (t *txStore) OpenUrgentRolls(ctx context.Context, caseID, key string) ([]workflow.UrgentRoll, error) {
	if t.pg {
		if _, err := t.tx.NewRaw("SELECT id FROM cases WHERE id = ? FOR UPDATE", caseID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("lock case for an urgent roll: %w", err)
		}
	}
	var rows []urgentRollRow
	open := make([]string, 0, 3)
	for _, s := range workflow.OpenUrgentStatuses() {
		open = append(open, string(s))
	}
	q := t.tx.NewSelect().Model(&rows).Where("u.case_id = ?", caseID).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("u.status IN (?)", bun.List(open))
			if key != "" {
				q = q.WhereOr("u.request_key = ?", key)
			}
			return q
		}).OrderExpr("u.requested_at, u.id")
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("read open urgent rolls: %w", err)
	}
	out := make([]workflow.UrgentRoll, len(rows))
	for i, r := range rows {
		out[i] = r.toUrgent()
	}
	return out, nil
}

func (t *txStore) UrgentRoll(ctx context.Context, scope workflow.Scope, id string) (workflow.UrgentRoll, error) {
	if t.pg {
		// The roll's case is locked first, as a transition's snapshot
		// locks it, so a citizen's move (which moves the case's urgent
		// rolls) and a step of one of them do not count it twice.
		var caseID string
		err := t.tx.NewRaw("SELECT case_id FROM urgent_rolls WHERE id = ?", id).Scan(ctx, &caseID)
		if err != nil && !isNoRows(err) {
			return workflow.UrgentRoll{}, fmt.Errorf("read urgent roll %s: %w", id, err)
		}
		if err == nil {
			if _, err := t.sql().exec(ctx, qLockCase, caseID); err != nil {
				return workflow.UrgentRoll{}, fmt.Errorf("lock case %s: %w", caseID, err)
			}
		}
	}
	var r urgentRollRow
	q := t.tx.NewSelect().Model(&r).Where("u.id = ?", id)
	if err := scopedDirect(q, scope, "u").Scan(ctx); err != nil {
		return workflow.UrgentRoll{}, notFound(err, "err.urgent.not_found")
	}
	t.rollups().urgent[r.ID] = r
	return r.toUrgent(), nil
}

func (t *txStore) UpdateUrgentRoll(ctx context.Context, u workflow.UrgentRoll) error {
	if err := t.rollupUrgentUpdated(ctx, u); err != nil { // from the row as stored
		return err
	}
	r := urgentRowFrom(u)
	res, err := t.tx.NewUpdate().Model(&r).
		Column("status", "accepted_at", "rejected_at", "reject_reason", "packed_at", "delivered_at", "cancelled_at", "received_at").
		Set("version = version + 1").
		Where("id = ? AND version = ?", u.ID, u.Version).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update urgent roll: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return urgentConflict(fmt.Errorf("urgent roll %s is no longer at version %d", u.ID, u.Version))
	}
	return nil
}

func (t *txStore) InsertUrgentEvent(ctx context.Context, e workflow.UrgentEvent) error {
	r := urgentEventRow{UrgentRollID: e.UrgentRollID, Seq: e.Seq, At: e.At, Actor: e.Actor, ActorRole: string(e.ActorRole),
		FromStatus: string(e.From), ToStatus: string(e.To), Note: e.Note}
	if _, err := t.tx.NewInsert().Model(&r).ExcludeColumn("id").Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return urgentConflict(err)
		}
		return fmt.Errorf("insert urgent roll event: %w", err)
	}
	return nil
}

func urgentConflict(err error) error {
	return &workflow.Error{Kind: workflow.KindConflict,
		Key: "err.urgent.changed_meanwhile", Err: err}
}

// UrgentQueueItem is an open urgent roll with what the pharmacy needs to
// pack it: the citizen's name (never the CPR number) and whether it is overdue.
type UrgentQueueItem struct {
	workflow.UrgentRoll
	CitizenName string
	Overdue     bool
}

// UrgentQueue lists the open urgent rolls (requested, accepted, packed) of
// a pharmacy, most urgent needed-by time first, within the actor's scope:
// pharmacy staff see only their own pharmacy's, nurses and project leads
// only their municipality's. An empty pharmacyID means every pharmacy in scope.
func (db *DB) UrgentQueue(ctx context.Context, a workflow.Actor, pharmacyID string, now time.Time) ([]UrgentQueueItem, error) {
	var rows []urgentListRow
	q := urgentListQuery(db.bun, &rows).
		Where("u.status IN (?)", bun.List([]string{string(workflow.UrgentRequested), string(workflow.UrgentAccepted), string(workflow.UrgentPacked)})).
		OrderExpr("u.needed_by, u.promised_by, u.id")
	if pharmacyID != "" {
		q = q.Where("u.pharmacy_id = ?", pharmacyID)
	}
	return scanUrgentList(ctx, scopedDirect(q, a.Scope(), "u"), &rows, now)
}

// CaseUrgentRolls lists a case's urgent rolls, newest request first,
// within the actor's scope.
func (db *DB) CaseUrgentRolls(ctx context.Context, a workflow.Actor, caseID string, now time.Time) ([]UrgentQueueItem, error) {
	var rows []urgentListRow
	q := urgentListQuery(db.bun, &rows).Where("u.case_id = ?", caseID).OrderExpr("u.requested_at DESC, u.id")
	return scanUrgentList(ctx, scopedDirect(q, a.Scope(), "u"), &rows, now)
}

// UrgentEvents returns an urgent roll's audit trail in order, within the
// actor's scope.
func (db *DB) UrgentEvents(ctx context.Context, a workflow.Actor, id string) ([]workflow.UrgentEvent, error) {
	var rows []urgentEventRow
	q := db.bun.NewSelect().Model(&rows).Where("urgent_roll_id = ?", id).
		Where("urgent_roll_id IN (?)", scopedDirect(db.bun.NewSelect().TableExpr("urgent_rolls AS u").ColumnExpr("u.id"), a.Scope(), "u")).
		Order("seq")
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("load urgent roll events: %w", err)
	}
	out := make([]workflow.UrgentEvent, len(rows))
	for i, r := range rows {
		out[i] = workflow.UrgentEvent{UrgentRollID: r.UrgentRollID, Seq: r.Seq, At: r.At.UTC(), Actor: r.Actor,
			ActorRole: workflow.Role(r.ActorRole), From: workflow.UrgentStatus(r.FromStatus),
			To: workflow.UrgentStatus(r.ToStatus), Note: r.Note}
	}
	return out, nil
}

// urgentColumns are the urgent_rolls columns urgentRollRow holds (other
// columns, added by later migrations, are left out).
const urgentColumns = "u.id, u.case_id, u.pharmacy_id, u.municipality_code, u.reason, u.status, u.version, " +
	"u.needed_by, u.promised_by, u.requested_at, u.requested_by, u.accepted_at, u.rejected_at, u.reject_reason, " +
	"u.packed_at, u.delivered_at, u.cancelled_at, u.received_at, u.note"

type urgentListRow struct {
	urgentRollRow `bun:",extend"`
	CitizenName   string `bun:"citizen_name"`
}

func urgentListQuery(q bun.IDB, rows *[]urgentListRow) *bun.SelectQuery {
	return q.NewSelect().Model(rows).ModelTableExpr("urgent_rolls AS u").ColumnExpr(urgentColumns).
		ColumnExpr("ci.name AS citizen_name").
		Join("JOIN cases AS c ON c.id = u.case_id").Join("JOIN citizens AS ci ON ci.id = c.citizen_id")
}

func scanUrgentList(ctx context.Context, q *bun.SelectQuery, rows *[]urgentListRow, now time.Time) ([]UrgentQueueItem, error) {
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list urgent rolls: %w", err)
	}
	out := make([]UrgentQueueItem, len(*rows))
	for i, r := range *rows {
		u := r.toUrgent()
		out[i] = UrgentQueueItem{UrgentRoll: u, CitizenName: r.CitizenName, Overdue: u.Overdue(now)}
	}
	return out, nil
}

// bunList is bun.List of the string values of vs.
func bunList[T ~string](vs ...T) any {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return bun.List(out)
}
