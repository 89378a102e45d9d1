package web

import (
	"encoding/json"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/reports"
)

// TestParamHistoryListsOnlyWhatChanged: the form saves every shown value
// with its source, so the first save of a changed national value stores
// the default's source text too; the history listed that source as a
// change, with the same text before and after. It lists the value only.
func TestParamHistoryListsOnlyWhatChanged(t *testing.T) {
	d := reports.DefaultParams().Default.HoursPerFTE
	body := `{"default": {"hours_per_fte": {"value": 1650.5, "source": ` + quoteJSON(t, d.Source) + `}}}`
	got := paramChanges("", body, i18n.Danish, newCatalogue(), map[int]string{})
	if len(got) != 1 || got[0].Field != "Værdi" || got[0].New != "1650,5" {
		t.Fatalf("changes = %+v, want the value alone", got)
	}
	// A new source is a change.
	body2 := `{"default": {"hours_per_fte": {"value": 1650.5, "source": "Kommunens HR 2026"}}}`
	if got := paramChanges(body, body2, i18n.Danish, newCatalogue(), map[int]string{}); len(got) != 1 || got[0].New != "Kommunens HR 2026" {
		t.Errorf("a changed source: %+v", got)
	}
}

func quoteJSON(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
