package workflow_test

import (
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

func TestCheckText(t *testing.T) {
	cases := []struct {
		name string
		in   string
		kind workflow.TextKind
		ok   bool
		msg  string // part of the Danish message
	}{
		{"plain name", "Karen Sørensen-Åberg", workflow.TextName, true, ""},
		{"NUL in a name", "Karen\x00", workflow.TextName, false, "kontroltegn (U+0000) som tegn nr. 6"},
		{"ESC in a name", "Kar\x1b[2Jen", workflow.TextName, false, "U+001B"},
		{"BEL in a name", "\aKaren", workflow.TextName, false, "U+0007"},
		{"line break in a name", "Karen\r\nJensen", workflow.TextName, false, "U+000D"},
		{"C1 control in a name", "Karen\u0085", workflow.TextName, false, "U+0085"},
		{"DEL in a name", "Karen\x7f", workflow.TextName, false, "U+007F"},
		{"line breaks in a note", "first line\r\nsecond\tline", workflow.TextNote, true, ""},
		{"NUL in a note", "note\x00", workflow.TextNote, false, "U+0000"},
		{"invalid UTF-8", "Karen\xff", workflow.TextName, false, "gyldig UTF-8"},
		{"name at the limit", strings.Repeat("å", workflow.MaxNameLength), workflow.TextName, true, ""},
		{"name over the limit", strings.Repeat("å", workflow.MaxNameLength+1), workflow.TextName, false, "201 tegn, højst 200"},
		{"note over the limit", strings.Repeat("x", workflow.MaxNoteLength+1), workflow.TextNote, false, "højst 2000"},
		{"long form value", strings.Repeat("x", 50_000), workflow.TextValue, true, ""},
		{"right-to-left override in a name", "Ole\u202eneslO", workflow.TextName, false, "retningstegn (U+202E) som tegn nr. 4"},
		{"left-to-right embedding in a note", "Dosis \u202a10 mg", workflow.TextNote, false, "U+202A"},
		{"isolate in a form value", "x\u2066y\u2069", workflow.TextValue, false, "U+2066"},
		{"pop directional isolate", "\u2069", workflow.TextValue, false, "U+2069"},
		{"right-to-left name without controls", "דוד Cohen", workflow.TextName, true, ""},
	}
	for _, c := range cases {
		err := workflow.CheckText(i18n.Key("err.field.name"), c.in, c.kind)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
			continue
		}
		if err != nil {
			if workflow.KindOf(err) != workflow.KindInvalid {
				t.Errorf("%s: kind %v", c.name, workflow.KindOf(err))
			}
			var we *workflow.Error
			if e, ok := err.(*workflow.Error); ok {
				we = e
			}
			if we == nil || !strings.Contains(we.Message("da"), c.msg) || !strings.HasPrefix(we.Message("da"), "navnet") {
				t.Errorf("%s: message %q, want it to name the field and contain %q", c.name, err, c.msg)
			}
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Karen Jensen":     "Karen Jensen",
		"Kar\x1b[2Jen":     `Kar\x1b[2Jen`,
		"bell\a":           `bell\a`,
		"cr\rlf\n":         "cr\\rlf\n",
		"nul\x00":          `nul\x00`,
		"bad\xffbyte":      `bad\xffbyte`,
		"real \uFFFD kept": "real \uFFFD kept",
	} {
		if got := workflow.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
