package workflow

import (
	"time"

	"github.com/dosis-dk/dosis/medcom"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Case is one citizen's path to dose-dispensed medicine. Its ID is opaque;
// the CPR number is never used as a key outside the citizen record.
type Case struct {
	ID           string
	CitizenID    string
	Municipality int
	State        State
	// Version grows by one with every transition; a transition names the
	// version it read, so a concurrent one fails with a conflict.
	Version     int
	Source      string
	GPID        string
	PharmacyID  string
	StateReason string
	OpenedAt    time.Time
	UpdatedAt   time.Time
	ClosedAt    *time.Time
}

// Sources lists who may flag a candidate, the values of Case.Source.
func Sources() []string {
	return []string{"home_care", "nursing_home", "gp", "hospital", "pharmacy", "other"}
}

// Citizen is a person who receives or may receive dose-dispensed medicine.
type Citizen struct {
	ID           string
	CPR          string
	Name         string
	BirthDate    calendar.Date
	Sex          string
	Municipality int
	GPID         string
	// MedicineHelp is true when the municipality helps the citizen with medicine.
	MedicineHelp bool
	// MedicineHelpSince is the civil date the help started (zero when unknown).
	MedicineHelpSince calendar.Date
	CreatedAt         time.Time
}

// GP is a general practitioner's practice, known by its ydernummer.
type GP struct {
	ID           string
	Ydernummer   string
	Name         string
	Clinic       string
	Municipality int
	// SOR and EAN identify the clinic as a MedCom receiver ("" when unknown).
	SOR string
	EAN string
}

// ValidateMedComIDs checks the GP's SOR code and EAN number where given.
func (g GP) ValidateMedComIDs() error {
	if g.SOR != "" {
		if p := medcom.CheckSOR(g.SOR); p != nil {
			return Invalid("err.detail", p)
		}
	}
	if g.EAN != "" {
		if p := medcom.CheckEAN(g.EAN); p != nil {
			return Invalid("err.detail", p)
		}
	}
	return nil
}

// Pharmacy is a pharmacy that packs dose rolls, with its roll settings.
type Pharmacy struct {
	ID           string
	Name         string
	Municipality int
	// PeriodDays is the normal roll period (14, or 7).
	PeriodDays int
	// DeadlineWorkingDays is how many working days before a period starts
	// changes must be in to reach its roll.
	DeadlineWorkingDays int
	// LeadTimeHours is the promised urgent-roll lead time in working hours.
	LeadTimeHours int
	// ExtraClosingDays are recurring closing days besides public holidays
	// (Christmas Eve, New Year's Eve and Constitution Day by default).
	ExtraClosingDays []calendar.ClosingDay
	// ClosedDates are one-off closed dates.
	ClosedDates []calendar.Date
}

// Assessment is an eligibility evaluation stored with the rule-set version
// and the facts it was given, so it can be explained later.
type Assessment struct {
	ID             string
	CaseID         string
	RuleSetID      string
	RuleSetVersion string
	Outcome        string
	FactsJSON      string
	ResultsJSON    string
	AssessedBy     string
	AssessedAt     time.Time
	// Reason and JudgedAssessmentID are set on a professional assessment
	// (RuleSetID ProfessionalRuleSet): the nurse's reason and the rule
	// verdict it judges.
	Reason             string
	JudgedAssessmentID string
}

// GPRequest is a request to the citizen's GP to approve dose dispensing,
// with the GP's decision once it comes.
type GPRequest struct {
	ID                  string
	CaseID              string
	GPID                string
	RequestedAt         time.Time
	RequestedBy         string
	DecidedAt           *time.Time
	Decision            string
	DecisionReason      string
	PrescriptionExpires calendar.Date // zero until approved
}

// AuditEvent is one row of a case's audit trail. Seq equals the case version
// the event produced, so the trail has neither gaps nor duplicates.
type AuditEvent struct {
	CaseID    string
	Seq       int
	At        time.Time
	Actor     string
	ActorRole Role
	Event     Event
	FromState State
	ToState   State
	Reason    string
	Note      string
}

// Reminder is something due for a person on a case at a time.
type Reminder struct {
	ID     string
	CaseID string
	Kind   string
	DueAt  time.Time
	DoneAt *time.Time
	Note   string
}
