// Package i18n is Dosis's one message catalogue: every user-facing text,
// by key, in Danish and English, for the web pages, the errors and the
// labels alike, and the language type (Lang) both front ends pass around.
// No other package compares a language code: they hold a Lang and ask it.
package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Lang is a user's language. The zero value is Danish, the default.
type Lang string

// The two languages of the catalogue.
const (
	Danish  Lang = "da"
	English Lang = "en"
)

// ParseLang reads a language code ("en", "en-GB", "en_US", any case, from a
// cookie, a form or an Accept-Language part): English for an English code,
// Danish for anything else.
func ParseLang(code string) Lang {
	l := strings.ToLower(strings.TrimSpace(code))
	if l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_") {
		return English
	}
	return Danish
}

// English reports whether l is English (anything else is Danish).
func (l Lang) English() bool { return l == English }

// Code is the language's code for a cookie or an HTML lang attribute.
func (l Lang) Code() string {
	if l.English() {
		return string(English)
	}
	return string(Danish)
}

// Pick returns da or en by l; an empty en falls back to Danish.
func (l Lang) Pick(da, en string) string {
	if l.English() && en != "" {
		return en
	}
	return da
}

// Message is one text in both languages.
type Message struct {
	DA, EN string
}

// In returns the message in l.
func (m Message) In(l Lang) string { return l.Pick(m.DA, m.EN) }

// Catalogue maps keys to messages.
type Catalogue map[string]Message

// messages is the catalogue, built once on first use and never changed
// afterwards (read-only, so not mutable state).
var messages = sync.OnceValue(build)

// T returns the text for key in l. A missing key shows itself as [key], so
// the tests that scan pages find it; TestKeysUsedExist finds it earlier.
func T(l Lang, key string) string {
	m, ok := messages()[key]
	if !ok {
		return "[" + key + "]"
	}
	return m.In(l)
}

// Tf is T with fmt.Sprintf arguments in the text's %-verbs. An argument
// that is a Text is rendered in l first (a label's Key, a Message, an
// error with a catalogue message), so a message names a field, a state or
// another message in its own language.
func Tf(l Lang, key string, args ...any) string {
	shown := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			a = t.In(l)
		}
		shown[i] = a
	}
	return fmt.Sprintf(T(l, key), shown...)
}

// Text is a text that exists in both languages: an argument of Tf that is
// rendered in the message's language.
type Text interface {
	In(Lang) string
}

// Key is a catalogue key as a Text: T(l, key) ("err.field.note" names the note
// in a message about it).
type Key string

// In returns the key's text in l.
func (k Key) In(l Lang) string { return T(l, string(k)) }

// TextFunc is a function of the language as a Text, such as a state's
// Label method: i18n.TextFunc(state.Label).
type TextFunc func(Lang) string

// In returns f(l).
func (f TextFunc) In(l Lang) string { return f(l) }

// Join is the texts items joined by sep, each in the language asked
// ("Aktiv, Pauseret"; "bestilt eller accepteret" with sep Key("list.or")).
func Join(sep Text, items ...Text) Text {
	return TextFunc(func(l Lang) string {
		parts := make([]string, len(items))
		for i, t := range items {
			parts[i] = t.In(l)
		}
		return strings.Join(parts, sep.In(l))
	})
}

// Verbatim is a text that is the same in both languages (a command-line
// flag, "--since").
type Verbatim string

// In returns v.
func (v Verbatim) In(Lang) string { return string(v) }

// Has reports whether the catalogue has key.
func Has(key string) bool {
	_, ok := messages()[key]
	return ok
}

// Lookup returns the message of key in both languages.
func Lookup(key string) (Message, bool) {
	m, ok := messages()[key]
	return m, ok
}

// Keys lists the catalogue's keys, sorted.
func Keys() []string {
	return slices.Sorted(maps.Keys(messages()))
}

// Plural returns the form of key for the count n in l, with n written in
// it: the catalogue holds key+".one" and key+".other" with a %d (Danish and
// English both have two forms: "1 måned", "2 måneder"; "0 måneder").
func Plural(l Lang, key string, n int) string {
	form := key + ".other"
	if n == 1 || n == -1 {
		form = key + ".one"
	}
	return Tf(l, form, n)
}
