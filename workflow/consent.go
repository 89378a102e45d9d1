package workflow

import (
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The parties who may give consent (sundhedsloven §15–17).
const (
	GiverCitizen   = "citizen"
	GiverGuardian  = "guardian"
	GiverNextOfKin = "next_of_kin"
)

// The ways consent may be given. Tacit consent is never enough for substitute consent.
const (
	MethodWritten = "written"
	MethodOral    = "oral"
	MethodTacit   = "tacit"
)

// ConsentInput is a consent as the person recording it states it.
type ConsentInput struct {
	GivenBy   string
	GiverName string
	Method    string
	// GivenOn is the Danish day the consent was given.
	GivenOn calendar.Date
	// RecorderInDailyCare is true when the recorder works in the citizen's
	// daily care (recommendation #14 prefers someone who does not).
	RecorderInDailyCare bool
}

// Validate names the first missing or unknown field.
func (c ConsentInput) Validate() error {
	if !slices.Contains([]string{GiverCitizen, GiverGuardian, GiverNextOfKin}, c.GivenBy) {
		return Invalid("err.consent.unknown_giver", c.GivenBy)
	}
	if !slices.Contains([]string{MethodWritten, MethodOral, MethodTacit}, c.Method) {
		return Invalid("err.consent.unknown_method", c.Method)
	}
	if c.GivenBy != GiverCitizen && strings.TrimSpace(c.GiverName) == "" {
		return Invalid("err.consent.giver_name_missing")
	}
	if err := CheckText(i18n.Key("err.field.giver_name"), c.GiverName, TextName); err != nil {
		return err
	}
	if c.GivenOn.IsZero() {
		return Invalid("err.consent.date_missing")
	}
	return nil
}

// Consent is a recorded consent. Records are never overwritten: a withdrawal
// sets WithdrawnAt on the record and a new consent is a new record.
type Consent struct {
	ConsentInput
	ID                  string
	CaseID              string
	RecordedBy          string
	RecordedAt          time.Time
	WithdrawnAt         *time.Time
	WithdrawnRecordedBy string
	WithdrawalNote      string
}
