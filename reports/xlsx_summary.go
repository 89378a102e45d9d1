package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// head is a header cell for a section below a table.
func (x *xl) head(s string) excelize.Cell { return excelize.Cell{StyleID: x.st.header, Value: s} }

// num styles a value in a section below a table.
func (x *xl) num(v any, style int) any {
	switch v.(type) {
	case nil, HiddenValue:
		return v
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// summary writes the key figures, the monthly totals and the charts. It uses
// the ordinary cell API: the sheet is small, and charts must not share a
// sheet with a stream writer that has flushed.
func (x *xl) summary() error {
	f, s, sh := x.f, x.st, SheetSummary
	set := func(cell string, v any, style int) error {
		switch v.(type) {
		case nil:
			v, style = "–", s.hidden
		case HiddenValue:
			v, style = HiddenText, s.hidden
		}
		if err := f.SetCellValue(sh, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	if err := x.summaryCells(set); err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	for col, w := range map[string]float64{"A": 52, "B": 16, "C": 14, "D": 14, "E": 14} {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return fmt.Errorf("sheet %s: %w", sh, err)
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A5", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	if err := x.printSetup(sh, ReportTitle); err != nil {
		return err
	}
	return x.charts()
}

// trendStart is the summary row where the monthly totals table starts.
func (x *xl) trendStart() int { return headerRow + len(x.r.KeyFigures()) + 3 }

func (x *xl) summaryCells(set func(string, any, int) error) error {
	s := x.st
	cells := []struct {
		cell  string
		v     any
		style int
	}{{"A1", ReportTitle, s.title},
		{"A2", SourceLine(x.r), s.note}, {"A3", "Periode: " + x.r.Period() + filterText(x.r), s.note},
		{"A4", "Nøgletal", s.header}, {"B4", "Værdi", s.header}}
	for _, c := range cells {
		if err := set(c.cell, c.v, c.style); err != nil {
			return err
		}
	}
	kinds := map[string]int{KindInt: s.int, KindDecimal: s.dec, KindPercent: s.pct, KindText: s.text}
	for i, k := range x.r.KeyFigures() {
		row := headerRow + 1 + i
		if err := set(fmt.Sprintf("A%d", row), k.LabelDA, s.text); err != nil {
			return err
		}
		if err := set(fmt.Sprintf("B%d", row), k.Value, kinds[k.Kind]); err != nil {
			return err
		}
	}
	start := x.trendStart()
	heads := []string{"Måned (i alt)", "Borgere med rulle", "Startet", "Borgermåneder", "Frigjorte timer"}
	for i, h := range heads {
		cell, _ := excelize.CoordinatesToCellName(i+1, start)
		if err := set(cell, h, s.header); err != nil {
			return err
		}
	}
	for i, t := range x.r.TrendTotal {
		row := start + 1 + i
		vals := []any{t.Month.UTC(), count(t.Citizens), count(t.Starts), ratio(t.CitizenMonths), ratio(t.Hours)}
		styles := []int{s.month, s.int, s.int, s.dec, s.dec}
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := set(cell, v, styles[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// charts adds native Excel charts to the summary: DD share of the 75+ by
// municipality (from the Kommuner sheet, ranked), the monthly trend and the
// funnel.
func (x *xl) charts() error {
	n := len(x.r.Municipalities)
	start := x.trendStart()
	months := len(x.r.TrendTotal)
	q := func(sheet string) string { return "'" + sheet + "'" }
	charts := []struct {
		cell  string
		chart *excelize.Chart
	}{
		{"G4", &excelize.Chart{Type: excelize.Bar, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Andel af 75+ på dosispakning, efter placering"}}},
			Series: []excelize.ChartSeries{{Name: "Andel af 75+",
				Categories: fmt.Sprintf("%s!$C$%d:$C$%d", q(SheetMunicipalities), headerRow+1, headerRow+max(n, 1)),
				Values:     fmt.Sprintf("%s!$L$%d:$L$%d", q(SheetMunicipalities), headerRow+1, headerRow+max(n, 1))}},
			Dimension: excelize.ChartDimension{Width: 640, Height: uint(max(320, 16*n))},
			Legend:    excelize.ChartLegend{Position: "none"}, YAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: ExcelPercentFormat()}}}},
		{"Q4", &excelize.Chart{Type: excelize.Line, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Borgere med rulle pr. måned"}}},
			// The series is named by its header cell: a literal name is
			// written as a reference, which LibreOffice shows as "Column B".
			Series: []excelize.ChartSeries{{Name: fmt.Sprintf("%s!$B$%d", q(SheetSummary), start),
				Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q(SheetSummary), start+1, start+max(months, 1)),
				Values:     fmt.Sprintf("%s!$B$%d:$B$%d", q(SheetSummary), start+1, start+max(months, 1))}},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300}, Legend: excelize.ChartLegend{Position: "bottom"},
			// The months are date cells: without a format the axis showed
			// their serial numbers (45992, 46023, …) in LibreOffice.
			XAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "mm-yyyy"}}}},
		{"Q22", &excelize.Chart{Type: excelize.Col, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Tragt: sager åbnet i perioden"}}},
			Series: []excelize.ChartSeries{{Name: "Sager",
				Categories: fmt.Sprintf("%s!$C$%d:$I$%d", q(SheetFunnel), headerRow, headerRow),
				Values:     fmt.Sprintf("%s!$C$%d:$I$%d", q(SheetFunnel), headerRow+len(x.r.Funnel.Rows)+1, headerRow+len(x.r.Funnel.Rows)+1)}},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300}, Legend: excelize.ChartLegend{Position: "none"}}},
	}
	for _, c := range charts {
		if err := x.f.AddChart(SheetSummary, c.cell, c.chart); err != nil {
			return fmt.Errorf("sheet %s chart: %w", SheetSummary, err)
		}
	}
	return nil
}
