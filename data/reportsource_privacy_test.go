package data_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/xuri/excelize/v2"
)

// TestReportHoldsNoCPROrName renders the fixture's report in both formats
// and searches every cell and the page for the fixture citizen's CPR number
// and name.
func TestReportHoldsNoCPROrName(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		src := dbtest.Must(db.Reports(workflow.System("test")))(t)
		r := dbtest.Must(reports.Build(ctx, src, q1(), reports.DefaultParams()))(t)
		needles := []string{fixtureCPR, fixtureCPR[:6] + "-" + fixtureCPR[6:], fixtureName, "Fixturesen", "Borger 1"}
		var page, book bytes.Buffer
		if err := reports.RenderHTML(&page, r, reports.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := reports.WriteXLSX(&book, r); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var cells strings.Builder
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				cells.WriteString(strings.Join(row, "\t") + "\n")
			}
		}
		if !strings.Contains(cells.String(), "Aalborg Apotek") {
			t.Fatal("the workbook does not hold the fixture's figures; the search would prove nothing")
		}
		for _, n := range needles {
			if strings.Contains(page.String(), n) || strings.Contains(cells.String(), n) {
				t.Errorf("the report contains %q", n)
			}
		}
	})
}
