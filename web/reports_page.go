package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/reports"
)

// reportsPage is the reports page: the filter, the key figures and the
// download links.
type reportsPage struct {
	Form    reportForm
	Figures []figure
	Source  string
	Period  string
}

// reportsShow shows the report filter with the key figures of the chosen
// period and links to the Excel workbook, the HTML file and the live
// dashboard.
func (app *App) reportsShow(w http.ResponseWriter, r *http.Request, rq *Request) error {
	form, rep, err := app.filteredReport(r, rq, true)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "reports", View{Title: app.msgs.get(rq.Lang, "reports.title"),
		Data: reportsPage{Form: form, Figures: figures(rep, rq.Lang), Source: reports.SourceLineIn(rep, rq.Lang), Period: rep.Period()}})
}

// reportsXLSX sends the Excel workbook as a download.
func (app *App) reportsXLSX(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.reportDownload(w, r, rq, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(b *bytes.Buffer, rep reports.Report) error { return reports.WriteXLSX(b, rep) })
}

// reportsHTML sends the self-contained HTML dashboard (ECharts inlined, so
// it works offline when shared) as a download.
func (app *App) reportsHTML(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.reportDownload(w, r, rq, "html", "text/html; charset=utf-8",
		func(b *bytes.Buffer, rep reports.Report) error {
			return reports.RenderHTML(b, rep, reports.HTMLOptions{})
		})
}

// reportDownload builds the report and writes it as an attachment named
// dosis-rapport-<from>-<to>.<ext>.
func (app *App) reportDownload(w http.ResponseWriter, r *http.Request, rq *Request, ext, ctype string,
	write func(*bytes.Buffer, reports.Report) error) error {
	form, rep, err := app.filteredReport(r, rq, false)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := write(&b, rep); err != nil {
		return err
	}
	name := "dosis-rapport-" + strings.ReplaceAll(form.From+"-"+form.To, "-", "") + "." + ext
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err = b.WriteTo(w)
	return err
}
