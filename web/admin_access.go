package web

import (
	"net/http"
	"strconv"

	"github.com/dosis-dk/dosis/data"
)

// accessPage is a page of the access log.
type accessPage struct {
	Entries []data.AccessEntry
	Filter  data.AccessFilter
	Older   int64
}

// adminAccess shows the access log, newest first, 200 at a time; ?actor=,
// ?citizen= (an opaque citizen id) and ?before= filter and page it.
func (app *App) adminAccess(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	f := data.AccessFilter{Actor: q.Get("actor"), CitizenID: q.Get("citizen"), Limit: 200}
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	es, err := app.db.AccessLog(r.Context(), rq.Actor, f)
	if err != nil {
		return err
	}
	p := accessPage{Entries: es, Filter: f}
	if len(es) == f.Limit {
		p.Older = es[len(es)-1].ID
	}
	return app.page(w, r, rq, "admin_access", View{Title: app.msgs.get(rq.Lang, "access.title"), Data: p})
}
