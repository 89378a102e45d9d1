package workflow

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// Kind is the closed set of error kinds the edges (CLI, HTTP) map to exit
// codes, HTTP statuses and plain-language messages.
type Kind int

// The error kinds.
const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
	KindInvalidTransition
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case KindNotFound:
		return "not found"
	case KindInvalid:
		return "invalid"
	case KindConflict:
		return "conflict"
	case KindForbidden:
		return "forbidden"
	case KindInvalidTransition:
		return "invalid transition"
	}
	return "internal"
}

// Error is a domain error with a user-safe message in Danish and English.
// Err holds the detail for the log and is never shown to users.
type Error struct {
	Kind  Kind
	MsgDA string
	MsgEN string
	// Unmet lists the guards that refused a transition (KindInvalidTransition).
	Unmet []Guard
	Err   error
}

// Error implements error with the English message and unmet guards.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.MsgEN)
	for i, g := range e.Unmet {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(g.MsgEN)
	}
	if e.Err != nil {
		b.WriteString(" (")
		b.WriteString(e.Err.Error())
		b.WriteString(")")
	}
	return b.String()
}

// Message returns the user-safe message in lang ("da" or "en"), with the unmet guards.
func (e *Error) Message(lang i18n.Lang) string {
	msg, sep := e.MsgDA, "; "
	if lang.English() {
		msg = e.MsgEN
	}
	var parts []string
	for _, g := range e.Unmet {
		parts = append(parts, g.Message(lang))
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, sep)
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err, KindInternal when err is no *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// NotFound reports that what was asked for does not exist or is outside the
// caller's scope (the two are deliberately indistinguishable).
func NotFound(whatDA, whatEN string) *Error {
	return &Error{Kind: KindNotFound, MsgDA: fmt.Sprintf("%s findes ikke", whatDA), MsgEN: fmt.Sprintf("%s was not found", whatEN)}
}

// Invalid reports bad input; the messages name the field and the value.
func Invalid(da, en string) *Error {
	return &Error{Kind: KindInvalid, MsgDA: da, MsgEN: en}
}

// Invalidf reports bad input with one format for both languages' values.
func Invalidf(da, en string, args ...any) *Error {
	return &Error{Kind: KindInvalid, MsgDA: fmt.Sprintf(da, args...), MsgEN: fmt.Sprintf(en, args...)}
}

// Conflict reports that someone else changed the record first.
func Conflict(err error) *Error {
	return &Error{Kind: KindConflict,
		MsgDA: "sagen er ændret af en anden i mellemtiden; hent den igen og prøv på ny",
		MsgEN: "the case was changed by someone else in the meantime; reload it and try again",
		Err:   err}
}

// Forbidden reports that the actor's role may not do this.
func Forbidden(da, en string) *Error {
	return &Error{Kind: KindForbidden, MsgDA: da, MsgEN: en}
}

// InvalidCPR is the refusal of a CPR number cpr.Parse did not accept, in
// both languages, without the number (the web, the CLI and the MedCom
// lookups say it the same way).
func InvalidCPR(err error) *Error {
	var pe *cpr.ParseError
	if !errors.As(err, &pe) {
		return Invalid("CPR-nummeret er ugyldigt", "invalid CPR number")
	}
	return Invalid("CPR-nummeret er ugyldigt: "+pe.Danish(), "invalid CPR number: "+pe.English())
}
