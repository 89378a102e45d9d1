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
