package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// TestChartMarkLinesFormatTheirNumbers: a mark line (the national goal's
// 600 share) labelled its value with ECharts' own number format, "7.99" on
// a Danish chart. Every mark line's label names one of the formatters that
// write the page's numbers (chart-format.js).
func TestChartMarkLinesFormatTheirNumbers(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.Danish, i18n.English} {
		chs, err := DashboardCharts(sampleReport(t), l)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, c := range chs {
			var v any
			if err := json.Unmarshal([]byte(c.Options), &v); err != nil {
				t.Fatal(err)
			}
			var walk func(o any)
			walk = func(o any) {
				switch x := o.(type) {
				case []any:
					for _, e := range x {
						walk(e)
					}
				case map[string]any:
					for k, e := range x {
						if k == "markLine" {
							found++
							label, _ := e.(map[string]any)["label"].(map[string]any)
							if f, _ := label["formatter"].(string); !strings.HasPrefix(f, "dosis:") {
								t.Errorf("%s chart %s: a mark line's label has no number formatter: %v", l, c.ID, e)
							}
						}
						walk(e)
					}
				}
			}
			walk(v)
		}
		if found == 0 {
			t.Fatalf("%s: no mark line in the charts", l)
		}
	}
}

// TestChartAxisNamesClearTheSubtitle: a chart whose value axis has a name
// (drawn above the plot) starts its plot lower than one without, so the
// name does not sit on the subtitle (the goal chart's "årsværk" did).
func TestChartAxisNamesClearTheSubtitle(t *testing.T) {
	chs, err := DashboardCharts(sampleReport(t), i18n.Danish)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, c := range chs {
		var o struct {
			Title struct{ Subtext string } `json:"title"`
			Grid  []struct{ Top string }   `json:"grid"`
			YAxis []struct{ Name string }  `json:"yAxis"`
		}
		if err := json.Unmarshal([]byte(c.Options), &o); err != nil {
			t.Fatal(err)
		}
		if len(o.YAxis) == 0 || o.YAxis[0].Name == "" || len(o.Grid) == 0 {
			continue
		}
		named++
		if want := gridBelow(o.Title.Subtext, axisNameRoom).Top; o.Grid[0].Top != want || want == gridBelow(o.Title.Subtext, 0).Top {
			t.Errorf("chart %s: plot top %s with a named value axis, want %s", c.ID, o.Grid[0].Top, want)
		}
	}
	if named == 0 {
		t.Fatal("no chart with a named value axis")
	}
}
