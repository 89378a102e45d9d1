package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// accessPage is a page of the access log with the search that found it.
type accessPage struct {
	Entries []data.AccessEntry
	Form    accessForm
	// Older and Newer are the ids the page links turn from (0: no link).
	Older, Newer int64
}

// accessForm is the search as typed (dates as written, dd-mm-yyyy).
type accessForm struct {
	CPR, User, From, To, Citizen string
}

// accessFilter reads the search from the POST body, or from the query of
// a GET (links: /admin/access?cpr=…&user=…&from=…&to=…). The search form
// posts, so a CPR number typed in it stays out of URLs, browser history
// and proxy logs; the request log never records a query either way.
func accessFilter(r *http.Request) (data.AccessFilter, accessForm, error) {
	vals := r.URL.Query()
	if r.Method == http.MethodPost {
		vals = r.PostForm
	}
	get := func(k string) string { return strings.TrimSpace(vals.Get(k)) }
	af := accessForm{CPR: get("cpr"), User: get("user"), From: get("from"), To: get("to"), Citizen: get("citizen")}
	if af.User == "" {
		af.User = get("actor") // the older links' name
	}
	f := data.AccessFilter{Actor: af.User, CitizenID: af.Citizen, CPR: af.CPR}
	f.Before, _ = strconv.ParseInt(get("before"), 10, 64)
	if f.Before <= 0 {
		f.After, _ = strconv.ParseInt(get("after"), 10, 64)
	}
	var err error
	if af.From != "" {
		if f.From, err = parseDateField(af.From, i18n.Key("err.field.from")); err != nil {
			return f, af, err
		}
	}
	if af.To != "" {
		if f.To, err = parseDateField(af.To, i18n.Key("err.field.to")); err != nil {
			return f, af, err
		}
	}
	return f, af, nil
}

// adminAccess searches the access log, newest first, 200 at a time: "who
// looked at this citizen?" by CPR number, by user and by date. Every
// search is itself written to the access log.
func (app *App) adminAccess(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f, af, err := accessFilter(r)
	v := View{Title: app.msgs.get(rq.Lang, "access.title"), Data: accessPage{Form: af}}
	if err == nil {
		f.Limit = 200
		var es []data.AccessEntry
		if es, err = app.db.SearchAccessLog(r.Context(), rq.Actor, f, false, rq.Now); err == nil {
			p := accessPaging(es, f)
			p.Form = af
			v.Data = p
		}
	}
	if err != nil {
		v.Form = url.Values{}
		return refuse(err, "admin_access", "search", r, v)
	}
	return app.page(w, r, rq, "admin_access", v)
}

// accessPaging links the page to the older and the newer entries: a full
// page has more beyond it in the direction it was turned; the way it came
// from always has more.
func accessPaging(es []data.AccessEntry, f data.AccessFilter) accessPage {
	p := accessPage{Entries: es}
	if len(es) == 0 {
		return p
	}
	full, first, last := len(es) == f.Limit, es[0].ID, es[len(es)-1].ID
	forward := f.Forward()
	if full || forward {
		p.Older = last
	}
	if f.Before > 0 || (forward && full) {
		p.Newer = first
	}
	return p
}

// adminAccessExport downloads every entry the search finds (up to
// data.MaxAccessExport) as CSV for Excel: semicolons, UTF-8 with a byte
// order mark, Danish times and labels, masked CPR numbers.
func (app *App) adminAccessExport(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f, _, err := accessFilter(r)
	if err != nil {
		return err
	}
	es, err := app.db.SearchAccessLog(r.Context(), rq.Actor, f, true, rq.Now)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="adgangslog-`+calendar.Today(rq.Now).Format()+`.csv"`)
	v := View{Req: rq, msgs: app.msgs}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	_, _ = w.Write([]byte("\ufeff"))
	_ = cw.Write([]string{v.T("access.when"), v.T("access.who"), v.T("users.role"), v.T("access.cpr"), v.T("access.what")})
	for _, e := range es {
		if err := cw.Write([]string{v.Stamp(e.At), csvSafe(e.Actor), v.Role(e.ActorRole), e.CPR, v.AccessWhat(e.What)}); err != nil {
			return nil // the client went away; the status is already sent
		}
	}
	cw.Flush()
	return nil
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
