package workflow_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// TestErrorMessageByKey: an error renders its key in the language asked,
// its Text values too, with the unmet guards; Error() is the English with
// the detail, for logs; InField names the field before the message.
func TestErrorMessageByKey(t *testing.T) {
	e := workflow.Invalid("err.change.wrong_state", i18n.TextFunc(workflow.StateActive.Label))
	if got, want := e.Message(i18n.Danish), `medicinændringer registreres på aktive eller pauserede sager (sagen er "Aktiv på dosispakning")`; got != want {
		t.Errorf("Danish %q, want %q", got, want)
	}
	if got, want := e.Message(i18n.English), `medication changes are recorded on active or paused cases (the case is "Active on dose dispensing")`; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
	e.Err = errors.New("detail")
	if got := e.Error(); got != e.Message(i18n.English)+" (detail)" {
		t.Errorf("Error() = %q", got)
	}
	f := workflow.InField(i18n.Key("err.field.note"), workflow.Invalid("err.text.too_long", i18n.Key("err.field.note"), 9, 8))
	if got, want := f.Message(i18n.Danish), "noten: noten er for lang: 9 tegn, højst 8"; got != want {
		t.Errorf("InField: %q, want %q", got, want)
	}
	if workflow.KindOf(fmt.Errorf("wrapped: %w", f)) != workflow.KindInvalid {
		t.Error("InField lost the kind")
	}
}
