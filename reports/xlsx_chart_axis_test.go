package reports

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// sampleChartsXML is the XML of every chart in the sample report's workbook.
func sampleChartsXML(t *testing.T) []string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(x))
	}
	return out
}

// TestTrendChartAxisShowsMonths: the summary's trend chart takes its
// categories from the month cells, which are dates; without a number format
// on the category axis LibreOffice labelled it with their serial numbers
// (45992, 46023, …) instead of 12-2025, 01-2026 (seen converting the
// steering group's workbook to PDF).
func TestTrendChartAxisShowsMonths(t *testing.T) {
	found := false
	for _, s := range sampleChartsXML(t) {
		if !strings.Contains(s, "<lineChart>") {
			continue
		}
		found = true
		cat := s[strings.Index(s, "<catAx>"):]
		cat = cat[:strings.Index(cat, "</catAx>")]
		if !strings.Contains(cat, `formatCode="mm-yyyy"`) {
			t.Errorf("the trend chart's category axis has no mm-yyyy format: %s", cat)
		}
	}
	if !found {
		t.Fatal("no line chart in the workbook")
	}
}

// TestShareChartAxisShowsPercentAsTables: the summary's share chart writes
// its value axis with the tables' one decimal ("0.0%", Excel shows the
// decimal comma of a Danish Excel): "0%" rounded a 2.5 % tick to 3 %.
func TestShareChartAxisShowsPercentAsTables(t *testing.T) {
	found := false
	for _, s := range sampleChartsXML(t) {
		if !strings.Contains(s, "Andel af 75+") || !strings.Contains(s, "<valAx>") {
			continue
		}
		found = true
		val := s[strings.Index(s, "<valAx>"):]
		val = val[:strings.Index(val, "</valAx>")]
		if !strings.Contains(val, `formatCode="0.0%"`) {
			t.Errorf("the share chart's value axis is not formatted 0.0%%: %s", val)
		}
	}
	if !found {
		t.Fatal("no share chart in the workbook")
	}
	if got := FormatDA(0.12345, KindPercent); got != "12,3 %" {
		t.Errorf("the tables write 0.12345 as %q, want 12,3 %%", got)
	}
}

// TestHoursChartWhatIfPercent: the FTE chart's subtitle writes the what-if
// share as every percentage (FormatIn): "50,0 %" in Danish, "50.0%" in
// English, where it wrote "50.0 %".
func TestHoursChartWhatIfPercent(t *testing.T) {
	r := sampleReport(t)
	want := map[i18n.Lang]string{
		i18n.Danish:  "hvis " + FormatIn(i18n.Danish, r.Params.WhatIfPercent.Value/100, KindPercent) + " af",
		i18n.English: "if " + FormatIn(i18n.English, r.Params.WhatIfPercent.Value/100, KindPercent) + " of",
	}
	for l, w := range want {
		_, ch := hoursChart(r, l)
		opts, _ := json.Marshal(ch.JSON())
		var o struct{ Title struct{ Subtext string } }
		if err := json.Unmarshal(opts, &o); err != nil {
			t.Fatalf("%s: no title in the hours chart (%v)", l, err)
		}
		sub := strings.ReplaceAll(o.Title.Subtext, "\n", " ")
		if !strings.Contains(sub, w) || (l == i18n.English && strings.Contains(sub, " %")) {
			t.Errorf("%s hours chart subtitle %q, want %q", l, sub, w)
		}
	}
}
