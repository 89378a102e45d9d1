package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// verbs finds the fmt verbs of a text, so both languages take the same
// arguments.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestEveryKeyHasBothLanguages fails on a key without a Danish or an
// English text, with different fmt verbs in the two, or on a plural key
// (unit.*) without both forms.
func TestEveryKeyHasBothLanguages(t *testing.T) {
	keys := Keys()
	if len(keys) < 300 {
		t.Fatalf("only %d keys: the catalogue was not built", len(keys))
	}
	for _, k := range keys {
		m, _ := Lookup(k)
		if strings.TrimSpace(m.DA) == "" || strings.TrimSpace(m.EN) == "" {
			t.Errorf("%s: Danish %q, English %q; both are needed", k, m.DA, m.EN)
		}
		if da, en := verbs.FindAllString(m.DA, -1), verbs.FindAllString(m.EN, -1); strings.Join(da, " ") != strings.Join(en, " ") {
			t.Errorf("%s: verbs %v in Danish, %v in English", k, da, en)
		}
		if base, ok := strings.CutSuffix(k, ".one"); ok && !Has(base+".other") {
			t.Errorf("%s has no %s.other", k, base)
		}
		if base, ok := strings.CutSuffix(k, ".other"); ok && strings.HasPrefix(k, "unit.") && !Has(base+".one") {
			t.Errorf("%s has no %s.one", k, base)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		n    int
		want string
	}{
		{Danish, 1, "1 måned"}, {Danish, 2, "2 måneder"}, {Danish, 0, "0 måneder"},
		{English, 1, "1 month"}, {English, 12, "12 months"},
	} {
		if got := Plural(tc.lang, "unit.month", tc.n); got != tc.want {
			t.Errorf("Plural(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestLang(t *testing.T) {
	for code, want := range map[string]Lang{"en": English, "EN-gb": English, "en_US": English, "da": Danish, "": Danish, "de": Danish, "eng": Danish} {
		if got := ParseLang(code); got != want {
			t.Errorf("ParseLang(%q) = %s, want %s", code, got, want)
		}
	}
	if T(English, "nav.home") != "Home" || T(Danish, "nav.home") != "Forside" || T("", "nav.home") != "Forside" {
		t.Error("T does not pick the language (the zero Lang is Danish)")
	}
	if got := T(Danish, "no.such.key"); got != "[no.such.key]" {
		t.Errorf("a missing key shows %q, want [no.such.key]", got)
	}
}

// TestTfRendersTexts: an argument that is a Text is rendered in the
// message's language (a key, a language function, a list, a message), and
// a verbatim text is the same in both.
func TestTfRendersTexts(t *testing.T) {
	state := TextFunc(func(l Lang) string { return l.Pick("Aktiv", "Active") })
	for _, tc := range []struct {
		name   string
		arg    any
		da, en string
	}{
		{"key", Key("role.nurse"), "Sygeplejerske", "Nurse"},
		{"func", state, "Aktiv", "Active"},
		{"message", Message{DA: "noten", EN: "the note"}, "noten", "the note"},
		{"join", Join(Key("list.or"), state, Key("role.lead")), "Aktiv eller Projektleder", "Active or Project lead"},
		{"verbatim", Verbatim("--since"), "--since", "--since"},
		{"plain", "42", "42", "42"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Tf(Danish, "err.detail", tc.arg); got != tc.da {
				t.Errorf("Danish %q, want %q", got, tc.da)
			}
			if got := Tf(English, "err.detail", tc.arg); got != tc.en {
				t.Errorf("English %q, want %q", got, tc.en)
			}
		})
	}
}
