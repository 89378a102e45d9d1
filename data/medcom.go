package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/uptrace/bun"
)

// messageRow is a row of medcom_messages.
type messageRow struct {
	bun.BaseModel `bun:"table:medcom_messages,alias:mm"`
	ID            string     `bun:"id,pk"`
	Direction     string     `bun:"direction"`
	Kind          string     `bun:"kind"`
	HeaderID      *string    `bun:"header_id"`
	BundleID      string     `bun:"bundle_id"`
	Format        string     `bun:"format"`
	Activity      string     `bun:"activity"`
	Status        string     `bun:"status"`
	Effect        string     `bun:"effect"`
	Problem       string     `bun:"problem"`
	CaseID        *string    `bun:"case_id"`
	Municipality  *int       `bun:"municipality_code"`
	EpisodeOfCare string     `bun:"episode_of_care"`
	RefersTo      string     `bun:"refers_to"`
	EventAt       *time.Time `bun:"event_at"`
	SentAt        *time.Time `bun:"sent_at"`
	ReceivedAt    time.Time  `bun:"received_at"`
	AckCode       string     `bun:"ack_code"`
	AckHeaderID   string     `bun:"ack_header_id"`
	Channel       string     `bun:"channel"`
	Actor         string     `bun:"actor"`
	Detail        string     `bun:"detail"`
	Raw           []byte     `bun:"raw"`
	AckRaw        []byte     `bun:"ack_raw"`
}

func toMessageRow(m workflow.Message) messageRow {
	r := messageRow{ID: m.ID, Direction: m.Direction, Kind: m.Kind, HeaderID: nullable(m.HeaderID), BundleID: m.BundleID,
		Format: string(m.Format), Activity: m.Activity, Status: m.Status, Effect: m.Effect, Problem: m.Problem,
		CaseID: nullable(m.CaseID), EpisodeOfCare: m.EpisodeOfCare, RefersTo: m.RefersTo, EventAt: utcPtr(m.EventAt),
		SentAt: utcPtr(m.SentAt), ReceivedAt: m.ReceivedAt.UTC(), AckCode: m.AckCode, AckHeaderID: m.AckHeaderID,
		Channel: m.Channel, Actor: m.Actor, Detail: m.Detail, Raw: m.Raw, AckRaw: m.AckRaw}
	if r.Raw == nil {
		r.Raw = []byte{}
	}
	if m.Municipality != 0 {
		mun := m.Municipality
		r.Municipality = &mun
	}
	return r
}

func (r messageRow) message() workflow.Message {
	m := workflow.Message{ID: r.ID, Direction: r.Direction, Kind: r.Kind, HeaderID: deref(r.HeaderID), BundleID: r.BundleID,
		Format: medcom.Format(r.Format), Activity: r.Activity, Status: r.Status, Effect: r.Effect, Problem: r.Problem,
		CaseID: deref(r.CaseID), EpisodeOfCare: r.EpisodeOfCare, RefersTo: r.RefersTo, EventAt: utcPtr(r.EventAt),
		SentAt: utcPtr(r.SentAt), ReceivedAt: r.ReceivedAt.UTC(), AckCode: r.AckCode, AckHeaderID: r.AckHeaderID,
		Channel: r.Channel, Actor: r.Actor, Detail: r.Detail, Raw: r.Raw, AckRaw: r.AckRaw}
	if r.Municipality != nil {
		m.Municipality = *r.Municipality
	}
	return m
}

// messageColumns are the columns of a message without its raw bytes.
var messageColumns = []string{"id", "direction", "kind", "header_id", "bundle_id", "format", "activity", "status",
	"effect", "problem", "case_id", "municipality_code", "episode_of_care", "refers_to", "event_at", "sent_at",
	"received_at", "ack_code", "ack_header_id", "channel", "actor", "detail"}

func (t *txStore) MessageByHeader(ctx context.Context, direction, headerID string) (workflow.Message, bool, error) {
	var r messageRow
	err := t.tx.NewSelect().Model(&r).Column(messageColumns...).
		Where("mm.direction = ? AND mm.header_id = ?", direction, headerID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Message{}, false, nil
	}
	if err != nil {
		return workflow.Message{}, false, fmt.Errorf("look up MedCom message: %w", err)
	}
	return r.message(), true, nil
}

func (t *txStore) InsertMessage(ctx context.Context, m workflow.Message) error {
	r := toMessageRow(m)
	if _, err := t.tx.NewInsert().Model(&r).Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return workflow.Conflict(err)
		}
		return fmt.Errorf("store MedCom message: %w", err)
	}
	return nil
}

func (t *txStore) SetMessageStatus(ctx context.Context, id, status string) error {
	_, err := t.tx.NewUpdate().Table("medcom_messages").Set("status = ?", status).Where("id = ?", id).Exec(ctx)
	return wrap(err, "set MedCom message status")
}

func (t *txStore) UpdateMessage(ctx context.Context, m workflow.Message) error {
	_, err := t.tx.NewUpdate().Table("medcom_messages").Set("status = ?", m.Status).Set("effect = ?", m.Effect).
		Set("event_at = ?", utcPtr(m.EventAt)).Set("detail = ?", m.Detail).Where("id = ?", m.ID).Exec(ctx)
	return wrap(err, "update MedCom message")
}

func (t *txStore) CaseMessages(ctx context.Context, caseID string) ([]workflow.Message, error) {
	return caseMessages(ctx, t.tx, caseID)
}

func caseMessages(ctx context.Context, q bun.IDB, caseID string) ([]workflow.Message, error) {
	var rows []messageRow
	if err := q.NewSelect().Model(&rows).Column(messageColumns...).Where("mm.case_id = ?", caseID).
		Order("mm.received_at", "mm.sent_at", "mm.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load the case's MedCom messages: %w", err)
	}
	out := make([]workflow.Message, len(rows))
	for i, r := range rows {
		out[i] = r.message()
	}
	return out, nil
}

func (t *txStore) CaseForCPR(ctx context.Context, a workflow.Actor, number string, now time.Time) (string, string, bool, error) {
	n, err := cpr.Parse(number)
	if err != nil {
		return "", "", false, nil
	}
	var r citizenRow
	if err := scopedCitizens(t.tx.NewSelect().Model(&r).Column("ci.id").Where("ci.cpr = ?", n.Digits()), a.Scope()).
		Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", "", false, logAccess(ctx, t.tx, a, "", "medcom.lookup.miss", now)
		}
		return "", "", false, fmt.Errorf("find citizen for MedCom message: %w", err)
	}
	var ids []string
	if err := t.tx.NewSelect().TableExpr("cases AS c").Column("c.id").
		Where("c.citizen_id = ? AND c.closed_at IS NULL", r.ID).Order("c.opened_at DESC").Limit(1).Scan(ctx, &ids); err != nil {
		return "", "", false, fmt.Errorf("find open case for MedCom message: %w", err)
	}
	caseID := ""
	if len(ids) > 0 {
		caseID = ids[0]
	}
	return r.ID, caseID, true, logAccess(ctx, t.tx, a, r.ID, "medcom.lookup", now)
}

func (t *txStore) OpenUrgentRollIDs(ctx context.Context, caseID string) ([]string, error) {
	var ids []string
	err := t.tx.NewSelect().TableExpr("urgent_rolls AS u").Column("u.id").
		Where("u.case_id = ? AND u.status IN (?)", caseID,
			bun.List([]string{string(workflow.UrgentRequested), string(workflow.UrgentAccepted)})).
		Order("u.requested_at").Scan(ctx, &ids)
	return ids, wrap(err, "list open urgent rolls")
}

func (t *txStore) MedComParties(ctx context.Context, c workflow.Case) (workflow.Parties, error) {
	var p workflow.Parties
	var cit citizenRow
	if err := t.tx.NewSelect().Model(&cit).Where("ci.id = ?", c.CitizenID).Scan(ctx); err != nil {
		return p, fmt.Errorf("load citizen: %w", err)
	}
	p.Patient = medcom.Patient{CPR: cit.CPR}
	p.Patient.Given, p.Patient.Family = splitName(cit.Name)
	var s senderRow
	err := t.tx.NewSelect().Model(&s).Where("municipality_code = ?", c.Municipality).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("load MedCom sender: %w", err)
	}
	p.Sender = medcom.Organization{SOR: s.SOR, EAN: s.EAN, Name: s.Name}
	if c.GPID != "" {
		var g gpRow
		if err := t.tx.NewSelect().Model(&g).Where("id = ?", c.GPID).Scan(ctx); err != nil {
			return p, fmt.Errorf("load GP: %w", err)
		}
		name := g.Name
		if g.Clinic != "" {
			name = g.Clinic
		}
		p.GP, p.GPName = medcom.Organization{SOR: g.SOR, EAN: g.EAN, Name: name}, g.Name
	}
	return p, nil
}

// splitName splits "Given names Family" at the last space.
func splitName(s string) (given, family string) {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] == ' ' {
			return s[:i], s[i+1:]
		}
	}
	return "", s
}

// senderRow is a row of medcom_senders: a municipality's MedCom identity.
type senderRow struct {
	bun.BaseModel `bun:"table:medcom_senders"`
	Municipality  int    `bun:"municipality_code,pk"`
	SOR           string `bun:"sor"`
	EAN           string `bun:"ean"`
	Name          string `bun:"name"`
}

// SetMedComSender stores the MedCom identity (SOR code, EAN number, name)
// a municipality sends CareCommunications as.
func (db *DB) SetMedComSender(ctx context.Context, municipality int, o medcom.Organization) error {
	if o.SOR == "" || o.Name == "" {
		return workflow.Invalid("err.medcom.sender_needs_sor_and_name")
	}
	r := senderRow{Municipality: municipality, SOR: o.SOR, EAN: o.EAN, Name: o.Name}
	_, err := db.bun.NewInsert().Model(&r).
		On("CONFLICT (municipality_code) DO UPDATE").Set("sor = EXCLUDED.sor, ean = EXCLUDED.ean, name = EXCLUDED.name").Exec(ctx)
	if isForeignKeyViolation(err) {
		return workflow.Invalid("err.municipality.unknown", municipality)
	}
	return wrap(err, "store MedCom sender")
}

// CaseMessages lists a case's MedCom messages within the actor's scope,
// without their raw bytes.
func (db *DB) CaseMessages(ctx context.Context, a workflow.Actor, caseID string) ([]workflow.Message, error) {
	var cr caseRow
	if err := scoped(db.bun.NewSelect().Model(&cr).Column("c.id").Where("c.id = ?", caseID), a.Scope(), "c").Scan(ctx); err != nil {
		return nil, notFound(err, "err.case.not_found")
	}
	return caseMessages(ctx, db.bun, caseID)
}

// MessageLogFilter selects messages for the admin message log.
type MessageLogFilter struct {
	Direction, Kind, Status string
	Limit                   int
}

// MessageLog lists MedCom messages, newest first, within the actor's
// municipality (admins: all), without raw bytes. Messages of citizens
// outside any case carry no case and no name. At most Limit (default 200).
func (db *DB) MessageLog(ctx context.Context, a workflow.Actor, f MessageLogFilter) ([]workflow.Message, error) {
	if a.Role != workflow.RoleAdmin && a.Role != workflow.RoleLead {
		return nil, workflow.Forbidden("err.medcom.log_admins_leads_only")
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	var rows []messageRow
	q := db.bun.NewSelect().Model(&rows).Column(messageColumns...).Order("mm.received_at DESC", "mm.id").Limit(int64(f.Limit))
	if a.Role != workflow.RoleAdmin {
		q = q.Where("mm.municipality_code = ?", a.Municipality)
	}
	for col, v := range map[string]string{"mm.direction": f.Direction, "mm.kind": f.Kind, "mm.status": f.Status} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("load the message log: %w", err)
	}
	out := make([]workflow.Message, len(rows))
	for i, r := range rows {
		out[i] = r.message()
	}
	return out, nil
}

// Message loads one message with its raw bytes and acknowledgement,
// within the actor's municipality (admins: all).
func (db *DB) Message(ctx context.Context, a workflow.Actor, id string) (workflow.Message, error) {
	var r messageRow
	q := db.bun.NewSelect().Model(&r).Where("mm.id = ?", id)
	if a.Role != workflow.RoleAdmin {
		if a.Role != workflow.RoleLead && a.Role != workflow.RoleNurse {
			return workflow.Message{}, workflow.Forbidden("err.medcom.role_may_not_see")
		}
		q = q.Where("mm.municipality_code = ?", a.Municipality)
	}
	if err := q.Scan(ctx); err != nil {
		return workflow.Message{}, notFound(err, "err.medcom.message_not_found")
	}
	return r.message(), nil
}
