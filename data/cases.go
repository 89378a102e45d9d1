package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// CaseFilter narrows a case list.
type CaseFilter struct {
	States []workflow.State
	// CitizenID keeps only the cases of one citizen.
	CitizenID string
	Limit     int
	// Offset skips the first cases (paging), Search narrows them by name
	// or CPR number (see SearchCases), Sort orders them (CaseSorts).
	Offset int
	Search CaseSearch
	Sort   string
}

// CaseListItem is a case with its citizen's name and masked CPR.
type CaseListItem struct {
	workflow.Case
	CitizenName string
	CPR         string
}

// ListCases lists the cases in the actor's scope, newest change first.
func (db *DB) ListCases(ctx context.Context, a workflow.Actor, f CaseFilter) ([]CaseListItem, error) {
	var rows []struct {
		caseRow     `bun:",extend"`
		CitizenName string `bun:"citizen_name"`
		CPR         string `bun:"cpr"`
	}
	q := db.bun.NewSelect().Model(&rows).ModelTableExpr("cases AS c").
		ColumnExpr("c.*").ColumnExpr("ci.name AS citizen_name, ci.cpr AS cpr").
		Join("JOIN citizens AS ci ON ci.id = c.citizen_id").
		OrderExpr(caseOrder(f.Sort))
	q = filterCases(q, f, db.Postgres)
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit))
	}
	if f.Offset > 0 {
		q = q.Offset(int64(f.Offset))
	}
	if err := scoped(q, a.Scope(), "c").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	out := make([]CaseListItem, len(rows))
	for i, r := range rows {
		out[i] = CaseListItem{Case: r.toCase(), CitizenName: r.CitizenName, CPR: r.CPR}
	}
	return out, nil
}

// filterCases adds the filter's states, citizen and search to q.
func filterCases(q *bun.SelectQuery, f CaseFilter, pg bool) *bun.SelectQuery {
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, s := range f.States {
			states[i] = string(s)
		}
		q = q.Where("c.state IN (?)", bun.List(states))
	}
	if f.CitizenID != "" {
		q = q.Where("c.citizen_id = ?", f.CitizenID)
	}
	return f.Search.where(q, pg)
}

// CaseDetail is a case with everything recorded on it.
type CaseDetail struct {
	Case        workflow.Case
	Citizen     workflow.Citizen
	Consents    []workflow.Consent
	Assessments []AssessmentRecord
	GPRequests  []workflow.GPRequest
	Audit       []workflow.AuditEvent
	Reminders   []workflow.Reminder
	// Messages are the case's MedCom messages, received and sent.
	Messages []workflow.Message
}

// AssessmentRecord is a stored assessment.
type AssessmentRecord = workflow.Assessment

// CaseDetail loads a case within the actor's scope and logs the access.
func (db *DB) CaseDetail(ctx context.Context, a workflow.Actor, id, what string, now time.Time) (CaseDetail, error) {
	var d CaseDetail
	var cr caseRow
	q := db.bun.NewSelect().Model(&cr).Where("c.id = ?", id)
	if err := scoped(q, a.Scope(), "c").Scan(ctx); err != nil {
		return d, notFound(err, "err.case.not_found")
	}
	d.Case = cr.toCase()
	cit, err := citizenByID(ctx, db.bun, workflow.Scope{All: true}, cr.CitizenID)
	if err != nil {
		return d, err
	}
	d.Citizen = cit
	if d.Messages, err = caseMessages(ctx, db.bun, id); err != nil {
		return d, err
	}
	var cons []consentRow
	if err := db.bun.NewSelect().Model(&cons).Where("case_id = ?", id).Order("recorded_at").Scan(ctx); err != nil {
		return d, fmt.Errorf("load consents: %w", err)
	}
	for _, c := range cons {
		d.Consents = append(d.Consents, c.toConsent())
	}
	var as []assessmentRow
	if err := db.bun.NewSelect().Model(&as).Where("case_id = ?", id).Order("assessed_at").Scan(ctx); err != nil {
		return d, fmt.Errorf("load assessments: %w", err)
	}
	for _, r := range as {
		d.Assessments = append(d.Assessments, workflow.Assessment{ID: r.ID, CaseID: r.CaseID, RuleSetID: r.RuleSetID,
			RuleSetVersion: r.RuleSetVersion, Outcome: r.Outcome, FactsJSON: r.Facts, ResultsJSON: r.Results,
			AssessedBy: r.AssessedBy, AssessedAt: r.AssessedAt.UTC(), Reason: r.Reason, JudgedAssessmentID: deref(r.JudgedID)})
	}
	var reqs []gpRequestRow
	if err := db.bun.NewSelect().Model(&reqs).Where("case_id = ?", id).Order("requested_at").Scan(ctx); err != nil {
		return d, fmt.Errorf("load GP requests: %w", err)
	}
	for _, r := range reqs {
		d.GPRequests = append(d.GPRequests, workflow.GPRequest{ID: r.ID, CaseID: r.CaseID, GPID: r.GPID,
			RequestedAt: r.RequestedAt.UTC(), RequestedBy: r.RequestedBy, DecidedAt: utcPtr(r.DecidedAt),
			Decision: r.Decision, DecisionReason: r.DecisionReason, PrescriptionExpires: r.PrescriptionExpires})
	}
	audit, err := db.Audit(ctx, id)
	if err != nil {
		return d, err
	}
	d.Audit = audit
	var rem []reminderRow
	if err := db.bun.NewSelect().Model(&rem).Where("case_id = ?", id).Order("due_at").Scan(ctx); err != nil {
		return d, fmt.Errorf("load reminders: %w", err)
	}
	for _, r := range rem {
		d.Reminders = append(d.Reminders, workflow.Reminder{ID: r.ID, CaseID: r.CaseID, Kind: r.Kind,
			DueAt: r.DueAt.UTC(), DoneAt: utcPtr(r.DoneAt), Note: r.Note})
	}
	return d, db.gated(ctx, func() error { return logAccess(ctx, db.bun, a, cit.ID, what, now) })
}

// Audit returns a case's audit trail in order. Callers check scope first.
func (db *DB) Audit(ctx context.Context, caseID string) ([]workflow.AuditEvent, error) {
	var rows []auditRow
	if err := db.bun.NewSelect().Model(&rows).Where("case_id = ?", caseID).Order("seq").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load audit trail: %w", err)
	}
	out := make([]workflow.AuditEvent, len(rows))
	for i, r := range rows {
		out[i] = r.toAudit()
	}
	return out, nil
}
