package workflow

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dosis-dk/dosis/i18n"
)

// TextKind is what a piece of free text is, and so what it may hold.
type TextKind int

// The kinds of text: a one-line name, a multi-line note, and any other
// form value (rule sets, codes), only bounded generously.
const (
	// TextName is one line: no control characters at all (no tab, CR or LF).
	TextName TextKind = iota
	// TextNote may hold tabs and line breaks, no other control character.
	TextNote
	// TextValue is any other value from a form or a flag: as a note, with
	// a larger bound (an eligibility rule set is a form value).
	TextValue
)

// The text bounds, in characters.
const (
	MaxNameLength  = 200
	MaxNoteLength  = 2000
	MaxValueLength = 64 << 10
)

// maxLen returns the kind's bound.
func (k TextKind) maxLen() int {
	switch k {
	case TextName:
		return MaxNameLength
	case TextNote:
		return MaxNoteLength
	}
	return MaxValueLength
}

// CheckText is the one rule for free text from any edge (web forms, CLI
// flags, imported cells): it must be valid UTF-8 without NUL bytes or
// control characters (TextNote and TextValue allow tab, CR and LF) and at
// most the kind's length. field names the field in the message (a Text:
// i18n.Key("err.field.name") is "navnet", "the name"). A control character stored in a name
// would later be printed raw to a terminal (ESC sequences can fake output)
// and PostgreSQL refuses NUL bytes.
func CheckText(field i18n.Text, s string, k TextKind) error {
	if !utf8.ValidString(s) {
		return Invalid("err.text.not_utf8", field)
	}
	pos := 0
	for _, r := range s {
		pos++
		if unicode.IsControl(r) && !(k != TextName && (r == '\t' || r == '\r' || r == '\n')) {
			return Invalid("err.text.control_character", field, r, pos)
		}
		if isBidiControl(r) {
			return Invalid("err.text.direction_character", field, r, pos)
		}
	}
	if n := utf8.RuneCountInString(s); n > k.maxLen() {
		return Invalid("err.text.too_long", field, n, k.maxLen())
	}
	return nil
}

// isBidiControl reports whether r is an explicit bidirectional embedding,
// override or isolate (U+202A–U+202E, U+2066–U+2069). Shown on a page, one
// reverses the text after it ("Karen \u202enesneJ" reads "Karen Jensen"), so a
// name, a note or a medication change ("10 mg") could be made to read
// otherwise than it was stored; right-to-left names need none of them.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// Printable returns s safe to print to a terminal: every control character
// but a line break is shown as its Go escape (\x1b, \a), so stored text
// can never move the cursor, clear the screen or fake other output.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || !unicode.IsControl(r):
			b.WriteRune(r)
		default:
			q := fmt.Sprintf("%+q", string(r))
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}
