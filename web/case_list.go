package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// casesPerPage is how many cases a page of the case list shows.
const casesPerPage = 50

// caseListPage is the case list with its filter, search, order and page.
type caseListPage struct {
	Cases  []data.CaseListItem
	States []workflow.State
	State  string
	// Q is the search text (a name; a CPR search is posted and never put
	// in a link), Sort the order (data.CaseSorts), Page from 1.
	Q, Sort string
	Sorts   []string
	Page    int
	Total   int
	// CPR is set for a posted CPR search: no paging links.
	CPR bool
}

// caseList lists the cases in the user's scope, newest change first, with
// masked CPR numbers; ?state= filters by state, ?q= searches by name,
// ?sort= orders and ?page= pages.
func (app *App) caseList(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	return app.caseListFor(w, r, rq, q.Get("q"), q.Get("state"), q.Get("sort"), q.Get("page"))
}

// caseSearch is the search form's POST: a CPR number is searched here and
// never travels in a URL; a name goes to the list's address, so it can be
// paged and bookmarked.
func (app *App) caseSearch(w http.ResponseWriter, r *http.Request, rq *Request) error {
	text := r.PostFormValue("q")
	s, err := data.ParseCaseSearch(text)
	if err == nil && !s.IsCPR() {
		v := url.Values{}
		for _, k := range []string{"state", "sort"} {
			if x := r.PostFormValue(k); x != "" {
				v.Set(k, x)
			}
		}
		if s.Name != "" {
			v.Set("q", text)
		}
		http.Redirect(w, r, "/cases?"+v.Encode(), http.StatusSeeOther)
		return nil
	}
	return app.caseListFor(w, r, rq, text, r.PostFormValue("state"), r.PostFormValue("sort"), "1")
}

func (app *App) caseListFor(w http.ResponseWriter, r *http.Request, rq *Request, text, state, sort, page string) error {
	p := caseListPage{States: workflow.States(), State: state, Q: text, Sorts: data.CaseSorts(), Page: 1}
	if slices.Contains(p.Sorts, sort) {
		p.Sort = sort
	}
	if n, err := strconv.Atoi(page); err == nil && n > 1 && n <= 10000 {
		p.Page = n
	}
	f := data.CaseFilter{Limit: casesPerPage, Offset: (p.Page - 1) * casesPerPage, Sort: p.Sort}
	for _, s := range p.States {
		if string(s) == p.State {
			f.States = []workflow.State{s}
		}
	}
	title := app.msgs.get(rq.Lang, "cases.title")
	s, err := data.ParseCaseSearch(text)
	if err != nil {
		return refuse(err, "cases", "search", r, View{Title: title, Data: p, Form: url.Values{"q": {text}}})
	}
	if s.IsCPR() && r.Method != http.MethodPost {
		// A CPR number in a URL would reach logs and browser history.
		return refuse(workflow.Invalid("err.search.cpr_in_address"),
			"cases", "search", r, View{Title: title, Data: p, Form: url.Values{}})
	}
	f.Search, p.CPR = s, s.IsCPR()
	if p.CPR {
		p.Q = ""
	}
	cases, total, err := app.db.SearchCases(r.Context(), rq.Actor, f, rq.Now)
	if err != nil {
		return err
	}
	p.Cases, p.Total = cases, total
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	if err := app.db.LogListAccess(r.Context(), rq.Actor, "web.cases", ids, rq.Now); err != nil {
		return err
	}
	return app.page(w, r, rq, "cases", View{Title: title, Data: p})
}

// PageLink is the case list's address for page n with the same search,
// filter and order.
func (p caseListPage) PageLink(n int) string {
	v := url.Values{}
	if p.Q != "" {
		v.Set("q", p.Q)
	}
	if p.State != "" {
		v.Set("state", p.State)
	}
	if p.Sort != "" {
		v.Set("sort", p.Sort)
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return "/cases?" + v.Encode()
}

// Pages is the number of pages the list holds.
func (p caseListPage) Pages() int { return max(1, (p.Total+casesPerPage-1)/casesPerPage) }

// Prev and Next are the neighbouring pages (0 when there is none).
func (p caseListPage) Prev() int {
	if p.Page > 1 {
		return p.Page - 1
	}
	return 0
}

// Next: see Prev.
func (p caseListPage) Next() int {
	if !p.CPR && p.Page < p.Pages() {
		return p.Page + 1
	}
	return 0
}
