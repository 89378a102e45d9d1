package reports

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The workbook's sheet names, in order.
const (
	SheetSummary         = "Oversigt"
	SheetMunicipalities  = "Kommuner"
	SheetFunnel          = "Tragt"
	SheetHours           = "Frigjorte timer"
	SheetPharmacies      = "Apoteker"
	SheetGPs             = "Læger"
	SheetTrend           = "Udvikling"
	SheetGoal            = "Mål"
	SheetRecommendations = "Anbefalinger"
	SheetAssumptions     = "Antagelser"
)

// SheetNames lists the workbook's sheets in order.
func SheetNames() []string {
	return []string{SheetSummary, SheetMunicipalities, SheetFunnel, SheetHours, SheetPharmacies, SheetGPs, SheetTrend, SheetGoal, SheetRecommendations, SheetAssumptions}
}

// ReportTitle is the report's title on the dashboard and the workbook's
// summary sheet (Danish: the report is the municipality's document).
const ReportTitle = "Dosispakket medicin: udbredelse og frigjorte sygeplejetimer"

// cell styles by kind.
type styles struct {
	title, note, header, text, int, dec, dec2, pct, date, month, hidden int
}

// WriteXLSX writes r as one Excel workbook to w: the sheets of SheetNames,
// numeric and date cells with Danish formats, frozen header rows,
// autofilters, native charts on the summary, and the stream writer for the
// large sheets.
func WriteXLSX(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("workbook styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	for _, name := range SheetNames()[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("workbook sheet %s: %w", name, err)
		}
	}
	// Before the sheets are written: SetActiveSheet reads every worksheet,
	// and a streamed one only after Flush by parsing back the XML it wrote
	// (more than half the workbook's time at national scale).
	f.SetActiveSheet(0)
	x := &xl{f: f, st: st, r: r}
	for _, step := range []func() error{x.municipalities, x.funnel, x.hours, x.pharmacies, x.gps, x.trend, x.goal, x.recommendations, x.assumptions, x.summary} {
		if err := step(); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// fastZip compresses the workbook's parts at flate.BestSpeed: the
// default level spent half the workbook's time at national scale in
// deflate's match search, for a file about a fifth smaller.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	num := func(format string) *excelize.Style { return &excelize.Style{CustomNumFmt: &format} }
	mk(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	mk(&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555", Size: 9}})
	mk(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Border: []excelize.Border{{Type: "bottom", Color: "4F81BD", Style: 1}}})
	mk(&s.text, &excelize.Style{})
	mk(&s.int, num("#,##0"))
	mk(&s.dec, num("#,##0.0"))
	mk(&s.dec2, num("#,##0.000"))
	mk(&s.pct, num(ExcelPercentFormat()))
	mk(&s.date, num("dd-mm-yyyy"))
	mk(&s.month, num("mm-yyyy"))
	mk(&s.hidden, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}})
	return s, err
}

// xl writes the sheets of one report.
type xl struct {
	f  *excelize.File
	st styles
	r  Report
}

// column is one column of a table sheet: its header, width and cell style.
type column struct {
	head  string
	width float64
	style int
}

// headerRow is the row of every table sheet's header: after the title, the
// source line and the period.
const headerRow = 4

// table writes a sheet: title, source line, period, a header row, the rows
// and any further sections; the header is frozen and filtered.
func (x *xl) table(sheet, title string, cols []column, rows [][]any, after ...[][]any) error {
	// The autofilter, like a chart, must be set before the stream writer:
	// after Flush it is silently lost.
	last, err := excelize.CoordinatesToCellName(len(cols), headerRow+max(len(rows), 1))
	if err != nil {
		return err
	}
	if err := x.f.AutoFilter(sheet, fmt.Sprintf("A%d:%s", headerRow, last), nil); err != nil {
		return fmt.Errorf("sheet %s autofilter: %w", sheet, err)
	}
	if err := x.printSetup(sheet, title); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	lines := [][]any{
		{excelize.Cell{StyleID: x.st.title, Value: title}},
		{excelize.Cell{StyleID: x.st.note, Value: SourceLine(x.r)}},
		{excelize.Cell{StyleID: x.st.note, Value: "Periode: " + x.r.Period() + filterText(x.r)}},
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: x.st.header, Value: c.head}
	}
	lines = append(lines, head)
	for _, row := range rows {
		lines = append(lines, x.styled(cols, row))
	}
	for _, section := range after {
		lines = append(lines, nil)
		for _, row := range section {
			lines = append(lines, x.styled(nil, row))
		}
	}
	for i, line := range lines {
		if line == nil {
			continue
		}
		var opts []excelize.RowOpts
		if i+1 == headerRow {
			// A wrapped header cell does not make its row taller in
			// LibreOffice or in print: the row is given the height of
			// its longest header.
			opts = append(opts, excelize.RowOpts{Height: headerHeight(cols)})
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), line, opts...); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", sheet, i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}

// styled gives each value its column's style; a suppressed value is written
// as HiddenText and one that cannot be computed as "–", right-aligned. Cells already styled keep
// their style.
func (x *xl) styled(cols []column, row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		style := x.st.text
		if i < len(cols) {
			style = cols[i].style
		}
		switch v := v.(type) {
		case excelize.Cell:
			out[i] = v
		case nil:
			out[i] = excelize.Cell{StyleID: x.st.hidden, Value: "–"}
		case HiddenValue:
			out[i] = excelize.Cell{StyleID: x.st.hidden, Value: HiddenText}
		case string:
			out[i] = excelize.Cell{StyleID: x.st.text, Value: v}
		default:
			out[i] = excelize.Cell{StyleID: style, Value: v}
		}
	}
	return out
}

// filterText names the municipalities chosen ("; kommuner: Aalborg,
// Odense"; "(+1 udeladt)" for those disclosure control left out, whose
// names the report does not hold), or says all were.
func filterText(r Report) string {
	if len(r.Filter.Municipalities) == 0 {
		return "; alle kommuner"
	}
	names := map[int]string{}
	for _, m := range r.Municipalities {
		names[m.Code] = m.Name
	}
	var shown []string
	left := 0
	for _, c := range r.Filter.Municipalities {
		if n, ok := names[c]; ok {
			shown = append(shown, n)
		} else {
			left++
		}
	}
	s := "; kommuner: " + strings.Join(shown, ", ")
	if left > 0 {
		s += fmt.Sprintf(" (+%d udeladt)", left)
	}
	return s
}

// printSetup makes sheet print as the users expect: A4, landscape, every
// column on one page wide (as many pages down as the rows need), the header
// rows repeated on every page, and a footer with the sheet's title and
// "Side n af m". A table sheet must be set up before its stream writer is
// made: the writer writes the page setup it finds then.
func (x *xl) printSetup(sheet, title string) error {
	a4, landscape, one, tall := 9, "landscape", 1, 0
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %s page layout: %w", sheet, err)
	}
	fit := true
	if err := x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s page layout: %w", sheet, err)
	}
	// "&" starts a field code in a header or footer: a title holding one is
	// written as "&&".
	footer := "&L" + strings.ReplaceAll(title, "&", "&&") + "&RSide &P af &N"
	if err := x.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("sheet %s footer: %w", sheet, err)
	}
	return x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRow)})
}

// headerHeight is the height in points of a header row whose cells wrap
// within their column widths: 15 points a line, for the header that needs
// the most lines (a bold character is taken as 1.2 width units).
func headerHeight(cols []column) float64 {
	lines := 1
	for _, c := range cols {
		if c.width <= 0 {
			continue
		}
		if n := int(math.Ceil(float64(utf8.RuneCountInString(c.head)) * 1.2 / c.width)); n > lines {
			lines = n
		}
	}
	return 15 * float64(min(lines, 6))
}
