package data

import (
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/data/internal/rows"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// The rows the importers write too are declared once, in data/internal/rows.
type (
	citizenRow  = rows.Citizen
	gpRow       = rows.GP
	pharmacyRow = rows.Pharmacy
	accessRow   = rows.Access
)

func toGP(r gpRow) workflow.GP {
	g := workflow.GP{ID: r.ID, Ydernummer: r.Ydernummer, Name: r.Name, Clinic: r.Clinic, SOR: r.SOR, EAN: r.EAN}
	if r.Municipality != nil {
		g.Municipality = *r.Municipality
	}
	return g
}

// toPharmacy converts the row; closed dates are loaded separately.
func toPharmacy(r pharmacyRow) (workflow.Pharmacy, error) {
	days, err := workflow.ParseClosingDays(r.ExtraClosingDays)
	if err != nil {
		return workflow.Pharmacy{}, fmt.Errorf("pharmacy %s: %w", r.ID, err)
	}
	return workflow.Pharmacy{ID: r.ID, Name: r.Name, Municipality: r.Municipality, PeriodDays: r.PeriodDays,
		DeadlineWorkingDays: r.DeadlineWorkingDays, LeadTimeHours: r.LeadTimeHours, ExtraClosingDays: days}, nil
}

func toCitizen(r citizenRow) workflow.Citizen {
	return workflow.Citizen{ID: r.ID, CPR: r.CPR, Name: r.Name, BirthDate: r.BirthDate, Sex: r.Sex,
		Municipality: r.Municipality, GPID: deref(r.GPID), MedicineHelp: r.MedicineHelp,
		MedicineHelpSince: r.MedicineHelpSince, CreatedAt: r.CreatedAt.UTC()}
}

type caseRow struct {
	bun.BaseModel `bun:"table:cases,alias:c"`
	ID            string     `bun:"id,pk"`
	CitizenID     string     `bun:"citizen_id"`
	Municipality  int        `bun:"municipality_code"`
	State         string     `bun:"state"`
	Version       int        `bun:"version"`
	Source        string     `bun:"source"`
	GPID          *string    `bun:"gp_id"`
	PharmacyID    *string    `bun:"pharmacy_id"`
	StateReason   string     `bun:"state_reason"`
	OpenedAt      time.Time  `bun:"opened_at"`
	UpdatedAt     time.Time  `bun:"updated_at"`
	ClosedAt      *time.Time `bun:"closed_at"`
}

func caseRowFrom(c workflow.Case) caseRow {
	return caseRow{ID: c.ID, CitizenID: c.CitizenID, Municipality: c.Municipality, State: string(c.State),
		Version: c.Version, Source: c.Source, GPID: nullable(c.GPID), PharmacyID: nullable(c.PharmacyID),
		StateReason: c.StateReason, OpenedAt: c.OpenedAt, UpdatedAt: c.UpdatedAt, ClosedAt: c.ClosedAt}
}

func (r caseRow) toCase() workflow.Case {
	c := workflow.Case{ID: r.ID, CitizenID: r.CitizenID, Municipality: r.Municipality, State: workflow.State(r.State),
		Version: r.Version, Source: r.Source, GPID: deref(r.GPID), PharmacyID: deref(r.PharmacyID),
		StateReason: r.StateReason, OpenedAt: r.OpenedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.ClosedAt != nil {
		t := r.ClosedAt.UTC()
		c.ClosedAt = &t
	}
	return c
}

type consentRow struct {
	bun.BaseModel       `bun:"table:consents"`
	ID                  string        `bun:"id,pk"`
	CaseID              string        `bun:"case_id"`
	GivenBy             string        `bun:"given_by"`
	GiverName           string        `bun:"giver_name"`
	Method              string        `bun:"method"`
	GivenOn             calendar.Date `bun:"given_on"`
	RecorderInDailyCare bool          `bun:"recorder_in_daily_care"`
	RecordedBy          string        `bun:"recorded_by"`
	RecordedAt          time.Time     `bun:"recorded_at"`
	WithdrawnAt         *time.Time    `bun:"withdrawn_at"`
	WithdrawnRecordedBy string        `bun:"withdrawn_recorded_by"`
	WithdrawalNote      string        `bun:"withdrawal_note"`
}

func (r consentRow) toConsent() workflow.Consent {
	return workflow.Consent{ConsentInput: workflow.ConsentInput{GivenBy: r.GivenBy, GiverName: r.GiverName,
		Method: r.Method, GivenOn: r.GivenOn, RecorderInDailyCare: r.RecorderInDailyCare},
		ID: r.ID, CaseID: r.CaseID, RecordedBy: r.RecordedBy, RecordedAt: r.RecordedAt.UTC(),
		WithdrawnAt: utcPtr(r.WithdrawnAt), WithdrawnRecordedBy: r.WithdrawnRecordedBy, WithdrawalNote: r.WithdrawalNote}
}

type assessmentRow struct {
	bun.BaseModel  `bun:"table:assessments"`
	ID             string    `bun:"id,pk"`
	CaseID         string    `bun:"case_id"`
	RuleSetID      string    `bun:"ruleset_id"`
	RuleSetVersion string    `bun:"ruleset_version"`
	Outcome        string    `bun:"outcome"`
	Facts          string    `bun:"facts"`
	Results        string    `bun:"results"`
	AssessedBy     string    `bun:"assessed_by"`
	AssessedAt     time.Time `bun:"assessed_at"`
	Reason         string    `bun:"reason"`
	JudgedID       *string   `bun:"judged_assessment_id"`
}

type gpRequestRow struct {
	bun.BaseModel       `bun:"table:gp_requests"`
	ID                  string        `bun:"id,pk"`
	CaseID              string        `bun:"case_id"`
	GPID                string        `bun:"gp_id"`
	RequestedAt         time.Time     `bun:"requested_at"`
	RequestedBy         string        `bun:"requested_by"`
	DecidedAt           *time.Time    `bun:"decided_at"`
	Decision            string        `bun:"decision"`
	DecisionReason      string        `bun:"decision_reason"`
	PrescriptionExpires calendar.Date `bun:"prescription_expires"`
}

type auditRow struct {
	bun.BaseModel `bun:"table:audit_events"`
	ID            int64     `bun:"id,pk,autoincrement"`
	CaseID        string    `bun:"case_id"`
	Seq           int       `bun:"seq"`
	At            time.Time `bun:"at"`
	Actor         string    `bun:"actor"`
	ActorRole     string    `bun:"actor_role"`
	Event         string    `bun:"event"`
	FromState     string    `bun:"from_state"`
	ToState       string    `bun:"to_state"`
	Reason        string    `bun:"reason"`
	Note          string    `bun:"note"`
}

func (r auditRow) toAudit() workflow.AuditEvent {
	return workflow.AuditEvent{CaseID: r.CaseID, Seq: r.Seq, At: r.At.UTC(), Actor: r.Actor,
		ActorRole: workflow.Role(r.ActorRole), Event: workflow.Event(r.Event), FromState: workflow.State(r.FromState),
		ToState: workflow.State(r.ToState), Reason: r.Reason, Note: r.Note}
}

type reminderRow struct {
	bun.BaseModel `bun:"table:reminders"`
	ID            string     `bun:"id,pk"`
	CaseID        string     `bun:"case_id"`
	Kind          string     `bun:"kind"`
	DueAt         time.Time  `bun:"due_at"`
	DoneAt        *time.Time `bun:"done_at"`
	Note          string     `bun:"note"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
