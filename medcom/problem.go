package medcom

import (
	"fmt"

	"github.com/dosis-dk/dosis/i18n"
)

// ProblemCode names what is wrong with a received message. Each code maps
// to an acknowledgement issue (see [Problem.issue]).
type ProblemCode string

// The problem codes.
const (
	ProblemTooLarge        ProblemCode = "too-large"
	ProblemSyntax          ProblemCode = "syntax"
	ProblemNotBundle       ProblemCode = "not-bundle"
	ProblemNotMessage      ProblemCode = "not-message"
	ProblemNoHeader        ProblemCode = "no-header"
	ProblemUnknownEvent    ProblemCode = "unknown-event"
	ProblemUnknownProfile  ProblemCode = "unknown-profile"
	ProblemUnknownActivity ProblemCode = "unknown-activity"
	ProblemNoPatient       ProblemCode = "no-patient"
	ProblemNoCPR           ProblemCode = "no-cpr"
	ProblemBadTime         ProblemCode = "bad-time"
	ProblemMissing         ProblemCode = "missing"
	ProblemBadValue        ProblemCode = "bad-value"
)

// Problem is why a message is refused: a code, the element it concerns
// (a FHIR path such as "Encounter.period.start"), the value found (may be
// empty) and a plain text in Danish and English. It is the text of the
// fatal-error acknowledgement's OperationOutcome.
type Problem struct {
	Code  ProblemCode
	Path  string
	Value string
	MsgDA string
	MsgEN string
}

// Error implements error with the English text.
func (p *Problem) Error() string { return p.MsgEN }

// In returns the problem text in l (an i18n.Text, for an error's message).
func (p *Problem) In(l i18n.Lang) string { return l.Pick(p.MsgDA, p.MsgEN) }

// Text returns the problem text in lang ("da" or "en").
func (p *Problem) Text(lang string) string {
	if lang == "en" {
		return p.MsgEN
	}
	return p.MsgDA
}

// NewProblem builds a Problem for a check made outside this package (a
// time in the future, a case rule); the texts, of the catalogue's key with
// args, are given the path and value as Parse's are.
func NewProblem(code ProblemCode, path, value, key string, args ...any) *Problem {
	return problem(code, path, value, key, args...)
}

// problem builds a Problem whose texts name the path and, when set, the
// value (quoted, cut to 80 characters so a hostile value cannot flood a
// report). key is the catalogue's text (err.medcom.*) with args.
func problem(code ProblemCode, path, value, key string, args ...any) *Problem {
	p := &Problem{Code: code, Path: path, Value: clip(value, 80),
		MsgDA: i18n.Tf(i18n.Danish, key, args...), MsgEN: i18n.Tf(i18n.English, key, args...)}
	if path != "" {
		p.MsgDA = path + ": " + p.MsgDA
		p.MsgEN = path + ": " + p.MsgEN
	}
	if value != "" {
		p.MsgDA += fmt.Sprintf(" (%q)", p.Value)
		p.MsgEN += fmt.Sprintf(" (%q)", p.Value)
	}
	return p
}

// clip cuts s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// issue returns the FHIR issue type and MedCom acknowledgement error code
// (CodeSystem medcom-acknowledgement-error-codes; "" when none fits) for
// the OperationOutcome of a fatal-error acknowledgement.
func (p *Problem) issue() (issueType, medcomCode string) {
	switch p.Code {
	case ProblemTooLarge:
		return "too-long", "MSG_Element_To_Long"
	case ProblemSyntax, ProblemNotBundle:
		return "structure", ""
	case ProblemNotMessage, ProblemNoHeader:
		return "structure", ""
	case ProblemUnknownEvent, ProblemUnknownProfile:
		return "not-supported", "MSG_RECEIVER_UNABLE_TO_RECEIVE_MSG_TYPE"
	case ProblemUnknownActivity:
		return "code-invalid", "MSG_VALUESET_VALUE_UNKNOWN"
	case ProblemBadTime:
		return "value", "MSG_Datatype_Wrong"
	case ProblemNoPatient, ProblemNoCPR, ProblemMissing:
		return "required", ""
	}
	return "value", ""
}
