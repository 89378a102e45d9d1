package i18n_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// literalKeys finds keys written as literals: {{.T "key"}} in templates,
// get(lang, "key"), t("key") and i18n.T(lang, "key") in Go.
var literalKeys = regexp.MustCompile(`(?:\.T "|\bget\([^,()]+, "|\bt\("|i18n\.Tf?\([^,()]+, "|i18n\.Plural\([^,()]+, ")([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// TestKeysUsedExist fails when a template or a Go call uses a key the
// catalogue does not have, and when a code shown through a key prefix
// (an event, a state, a reminder kind, a case source ...) has no key.
func TestKeysUsedExist(t *testing.T) {
	var files []string
	for _, glob := range []string{"../templates/*.html", "../web/*.go", "../workflow/*.go", "../reports/*.go", "../cmd/dosis/commands/*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d files to scan", len(files))
	}
	used := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literalKeys.FindAllStringSubmatch(string(b), -1) {
			used++
			if !i18n.Has(m[1]) {
				t.Errorf("%s uses the key %q, which is not in the catalogue", f, m[1])
			}
		}
	}
	if used < 300 {
		t.Errorf("found only %d key uses; the scan is broken", used)
	}
	codes := map[string][]string{"source.": workflow.Sources(), "reminder.": workflow.ReminderKinds(),
		"deviation.": workflow.DeviationKinds(), "event.": {string(workflow.EventGPRedirect), string(workflow.EventOpen)}}
	for _, e := range workflow.Events() {
		codes["event."] = append(codes["event."], string(e))
	}
	for _, s := range workflow.States() {
		codes["state."] = append(codes["state."], string(s))
	}
	for _, r := range workflow.Roles() {
		codes["role."] = append(codes["role."], string(r))
	}
	for prefix, list := range codes {
		for _, c := range list {
			if !i18n.Has(prefix + c) {
				t.Errorf("no key %s%s: the code would show as itself", prefix, c)
			}
		}
	}
}

// TestNoLanguageLiterals: only this package compares language codes; the
// rest hold an i18n.Lang. (workflow/calendar keeps its own week-label
// helper until the civil-date work there lands.)
func TestNoLanguageLiterals(t *testing.T) {
	cmp := regexp.MustCompile(`[=!]= *"(en|da)"|"(en|da)" *[=!]=`)
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "i18n" || d.Name() == "calendar" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if cmp.MatchString(line) {
				t.Errorf("%s:%d compares a language code: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
