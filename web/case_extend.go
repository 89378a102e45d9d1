package web

import (
	"net/http"
	"regexp"
	"strconv"

	"github.com/dosis-dk/dosis/workflow"
)

// caseExtend extends a period (form fields seq, days, reason) to 15–28
// days; the later periods move to follow it.
func (app *App) caseExtend(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	seq, err := strconv.Atoi(r.PostFormValue("seq"))
	if err != nil || seq < 1 || seq > 100000 {
		return app.caseRefused(r, rq, id, "extend", workflow.Invalid("err.period.missing"))
	}
	form := "extend-" + strconv.Itoa(seq)
	days, err := strconv.Atoi(r.PostFormValue("days"))
	if err != nil {
		return app.caseRefused(r, rq, id, form, workflow.Invalid("err.period.days_not_a_number", r.PostFormValue("days")))
	}
	if _, err := app.svc.ExtendPeriod(r.Context(), rq.Actor, id, seq, days, r.PostFormValue("reason")); err != nil {
		return app.caseRefused(r, rq, id, form, err)
	}
	return app.caseDone(w, r, rq, id)
}

// sectionRE is what a case page section anchor may look like.
var sectionRE = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)

// sectionAnchor is "#section" for a well-formed section name, else "".
func sectionAnchor(section string) string {
	if sectionRE.MatchString(section) {
		return "#" + section
	}
	return ""
}
