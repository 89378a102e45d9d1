package workflow_test

import (
	"testing"

	"github.com/dosis-dk/dosis/i18n"

	"github.com/dosis-dk/dosis/workflow"
)

// TestKindLabels: every deviation and reminder kind has its own Danish and
// English label; an unknown kind is shown as itself.
func TestKindLabels(t *testing.T) {
	for _, l := range []struct {
		name  string
		kinds []string
		label func(kind string, lang i18n.Lang) string
	}{
		{"deviation", workflow.DeviationKinds(), workflow.DeviationLabel},
		{"reminder", workflow.ReminderKinds(), workflow.ReminderLabel},
	} {
		for _, k := range l.kinds {
			da, en := l.label(k, i18n.Danish), l.label(k, i18n.English)
			if da == k || en == k || da == en {
				t.Errorf("%s %q: labels da %q, en %q", l.name, k, da, en)
			}
		}
		if got := l.label("no_such_kind", "da"); got != "no_such_kind" {
			t.Errorf("%s: an unknown kind must be shown as itself, got %q", l.name, got)
		}
	}
	if got := workflow.DeviationLabel("late", i18n.English); got != "Delivered late" {
		t.Errorf("DeviationLabel(late, en) = %q", got)
	}
	if got := workflow.ReminderLabel(workflow.ReminderRenewal, i18n.Danish); got != "Dosisordinationen skal fornyes" {
		t.Errorf("ReminderLabel(renewal, da) = %q", got)
	}
}

// TestWorkKindLabels: a work kind's label is the worklist item's label.
func TestWorkKindLabels(t *testing.T) {
	w := workflow.Worklist{}
	w.Add(workflow.WorkGPOverdue, "c1", "", w.Now, "", "3 dage", "3 days")
	if it := w.Items[0]; it.LabelDA != "Lægen har ikke svaret: 3 dage" || it.LabelEN != "GP request overdue: 3 days" {
		t.Errorf("labels %q, %q", it.LabelDA, it.LabelEN)
	}
	if got := workflow.WorkKind("no_such_kind").Label(i18n.English); got != "no_such_kind" {
		t.Errorf("an unknown kind must be shown as itself, got %q", got)
	}
}
