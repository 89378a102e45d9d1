package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestTrendChartAxisShowsMonths: the summary's trend chart takes its
// categories from the month cells, which are dates; without a number format
// on the category axis LibreOffice labelled it with their serial numbers
// (45992, 46023, …) instead of 12-2025, 01-2026 (seen converting the
// steering group's workbook to PDF).
func TestTrendChartAxisShowsMonths(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		s := string(x)
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
