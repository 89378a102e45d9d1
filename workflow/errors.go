package workflow

import (
	"errors"
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

// Error is a domain error with a user-safe message from the catalogue:
// Key is its i18n key (err.<area>.<meaning>) and Args the values of its
// %-verbs; an argument that is itself text in a language (an i18n.Text:
// a label's key, a state's label, another *Error) is rendered in the
// message's language. Err holds the detail for the log and is never shown
// to users.
type Error struct {
	Kind Kind
	Key  string
	Args []any
	// Unmet lists the guards that refused a transition (KindInvalidTransition).
	Unmet []Guard
	Err   error
}

// Error implements error with the English message and unmet guards.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(i18n.Tf(i18n.English, e.Key, e.Args...))
	for i, g := range e.Unmet {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(g.Message(i18n.English))
	}
	if e.Err != nil {
		b.WriteString(" (")
		b.WriteString(e.Err.Error())
		b.WriteString(")")
	}
	return b.String()
}

// Message returns the user-safe message in lang, with the unmet guards.
func (e *Error) Message(lang i18n.Lang) string {
	msg := i18n.Tf(lang, e.Key, e.Args...)
	var parts []string
	for _, g := range e.Unmet {
		parts = append(parts, g.Message(lang))
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	return msg
}

// In is Message: an *Error is an i18n.Text, so one error's message can be
// an argument of another's ("linje 3: …").
func (e *Error) In(lang i18n.Lang) string { return e.Message(lang) }

// bare is the error's own message, without the unmet guards, as a Text.
func (e *Error) bare() i18n.Text {
	return i18n.TextFunc(func(l i18n.Lang) string { return i18n.Tf(l, e.Key, e.Args...) })
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
// caller's scope (the two are deliberately indistinguishable). key is the
// catalogue's whole sentence ("borgeren findes ikke").
func NotFound(key string, args ...any) *Error {
	return &Error{Kind: KindNotFound, Key: key, Args: args}
}

// Invalid reports bad input; the message of key names the field and the
// value, given in args.
func Invalid(key string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Key: key, Args: args}
}

// Conflict reports that someone else changed the record first.
func Conflict(err error) *Error {
	return &Error{Kind: KindConflict, Key: "err.case.changed_meanwhile", Err: err}
}

// Forbidden reports that the actor's role may not do this.
func Forbidden(key string, args ...any) *Error {
	return &Error{Kind: KindForbidden, Key: key, Args: args}
}

// InvalidCPR is the refusal of a CPR number cpr.Parse did not accept, in
// both languages, without the number (the web, the CLI and the MedCom
// lookups say it the same way).
func InvalidCPR(err error) *Error {
	var pe *cpr.ParseError
	if !errors.As(err, &pe) {
		return Invalid("err.cpr.invalid")
	}
	return Invalid("err.cpr.invalid_because", pe)
}
