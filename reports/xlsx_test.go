package reports

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeSample writes the suppressed sample as a workbook and opens it
// again; the file is closed when the test ends.
func writeSample(t *testing.T) (*excelize.File, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, suppressedSample(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, &buf
}

func TestWriteXLSXReadBack(t *testing.T) {
	f, buf := writeSample(t)
	if got := f.GetSheetList(); !slices.Equal(got, SheetNames()) {
		t.Errorf("sheets = %v, want %v", got, SheetNames())
	}
	for _, sheet := range SheetNames() {
		if v, _ := f.GetCellValue(sheet, "A2"); !strings.HasPrefix(v, "Kilde:") {
			t.Errorf("%s!A2 = %q, want the source line", sheet, v)
		}
	}
	// Kommuner row 5 is rank 1: København, 800 active citizens as a number.
	if v, _ := f.GetCellValue(SheetMunicipalities, "C5"); v != "København" {
		t.Errorf("Kommuner!C5 = %q, want København (rank 1)", v)
	}
	typ, err := f.GetCellType(SheetMunicipalities, "G5")
	if err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Kommuner!G5 type = %v (%v), want a number", typ, err)
	}
	raw, _ := f.GetCellValue(SheetMunicipalities, "G5", excelize.Options{RawCellValue: true})
	if raw != "800" {
		t.Errorf("Kommuner!G5 raw = %q, want 800", raw)
	}
	styleID, _ := f.GetCellStyle(SheetMunicipalities, "L5")
	style, err := f.GetStyle(styleID)
	if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != "0.0%" {
		t.Errorf("Kommuner!L5 style = %+v (%v), want the 0.0%% format", style, err)
	}
	styleID, _ = f.GetCellStyle(SheetMunicipalities, "E5")
	if style, _ = f.GetStyle(styleID); style.CustomNumFmt == nil || *style.CustomNumFmt != "#,##0" {
		t.Error("Kommuner!E5 lacks the thousands-separator format")
	}
	styleID, _ = f.GetCellStyle(SheetTrend, "A5")
	if style, _ = f.GetStyle(styleID); style.CustomNumFmt == nil || *style.CustomNumFmt != "mm-yyyy" {
		t.Error("Udvikling!A5 is no month cell")
	}
	// 461's 4 active 75+ is suppressed.
	rows, _ := f.GetRows(SheetMunicipalities)
	for _, row := range rows {
		if len(row) > 7 && row[2] == "Odense" && row[7] != HiddenText {
			t.Errorf("Odense active 75+ = %q, want %q", row[7], HiddenText)
		}
	}
	panes, err := f.GetPanes(SheetMunicipalities)
	if err != nil || !panes.Freeze || panes.YSplit != headerRow {
		t.Errorf("Kommuner panes = %+v (%v), want the header frozen", panes, err)
	}

	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	charts, filters := 0, 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			rc, _ := zf.Open()
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			if strings.Contains(b.String(), "<autoFilter") {
				filters++
			}
		}
	}
	if charts != 3 {
		t.Errorf("%d chart parts, want 3", charts)
	}
	if filters != len(SheetNames())-1 {
		t.Errorf("%d sheets with an autofilter, want %d", filters, len(SheetNames())-1)
	}
}

// TestSummaryMonthsAreDates: the summary's monthly totals hold months as
// dates shown mm-yyyy (they were text "2026-01-01"), and the trend chart's
// series is named by its header cell, so LibreOffice does not call it
// "Column B" (found on the LibreOffice pages of the workbook).
func TestSummaryMonthsAreDates(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReport(t)
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x := &xl{r: r}
	cell, _ := excelize.CoordinatesToCellName(1, x.trendStart()+1)
	if v, _ := f.GetCellValue(SheetSummary, cell); v != "01-2026" {
		t.Errorf("%s!%s = %q, want the month 01-2026", SheetSummary, cell, v)
	}
	if raw, _ := f.GetCellValue(SheetSummary, cell, excelize.Options{RawCellValue: true}); strings.Contains(raw, "-") {
		t.Errorf("%s!%s holds %q, text instead of a date", SheetSummary, cell, raw)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/") {
			continue
		}
		rc, _ := zf.Open()
		var b bytes.Buffer
		_, _ = b.ReadFrom(rc)
		rc.Close()
		if strings.Contains(b.String(), "<f>Borgere med rulle</f>") {
			t.Errorf("%s names a series with a literal written as a reference", zf.Name)
		}
	}
}

// TestWorkbookPrints: every sheet prints on A4 landscape, one page wide,
// with its header rows repeated on each page and a footer naming the sheet
// and the page.
func TestWorkbookPrints(t *testing.T) {
	f, _ := writeSample(t)
	titles := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	for _, sheet := range SheetNames() {
		t.Run(sheet, func(t *testing.T) {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" {
				t.Errorf("page = size %v, orientation %v; want A4 (9), landscape", deref(pl.Size), deref(pl.Orientation))
			}
			if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("fit = %v wide × %v tall, want 1 × 0 (one page wide)", deref(pl.FitToWidth), deref(pl.FitToHeight))
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("fitToPage not set (%v)", err)
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || !strings.Contains(hf.OddFooter, "Side &P af &N") {
				t.Errorf("footer = %q (%v), want the page number", hf.OddFooter, err)
			}
			if h, err := f.GetRowHeight(sheet, headerRow); sheet == SheetMunicipalities && (err != nil || h < 30) {
				t.Errorf("header row height = %v (%v), want room for its wrapped headers", h, err)
			}
			if want := "'" + sheet + "'!$1:$4"; titles[sheet] != want {
				t.Errorf("print titles = %q, want %q", titles[sheet], want)
			}
		})
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
