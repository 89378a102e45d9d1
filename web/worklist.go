package web

import (
	"fmt"
	"net/http"

	"github.com/dosis-dk/dosis/workflow"
)

// worklistShown is how many items a page shows of a worklist, the most
// urgent first; "?all=1" shows them all. A København nurse's list holds
// about a thousand deliveries to check: all of them made the home page
// slow at national scale and no easier to work from.
const worklistShown = 50

// shownWork is the part of a worklist a page shows: its most urgent
// items, and how many items the whole list holds.
type shownWork struct {
	workflow.Worklist
	// Total is how many items the whole worklist holds.
	Total int
	// All is set when the page was asked for every item.
	All bool
}

// More is how many items of the worklist are not shown.
func (s shownWork) More() int { return s.Total - len(s.Items) }

// Current is the shown items that are due now or ahead (alerts first),
// Stale the shown long-overdue ones (workflow.StaleAfter), which the page
// folds away below them with their count.
func (s shownWork) Current() []workflow.WorkItem { return s.part(false) }

// Stale: see Current.
func (s shownWork) Stale() []workflow.WorkItem { return s.part(true) }

func (s shownWork) part(stale bool) []workflow.WorkItem {
	var out []workflow.WorkItem
	for _, it := range s.Items {
		if it.Stale == stale {
			out = append(out, it)
		}
	}
	return out
}

// WorkStale names the fold of long-overdue items with their count.
func (v View) WorkStale(s shownWork) string {
	return v.L(fmt.Sprintf("Længe overskredet (%d)", s.StaleTotal), fmt.Sprintf("Long overdue (%d)", s.StaleTotal))
}

// worklistRole reports whether r is a role whose home page is its worklist.
func worklistRole(r workflow.Role) bool {
	return r == workflow.RoleNurse || r == workflow.RoleLead || r == workflow.RolePharmacy
}

// worklist loads the actor's worklist (scoped and limited in the data
// layer), most urgent first: the first worklistShown items, or all of them
// with "?all=1". It carries no CPR number.
func (app *App) worklist(r *http.Request, rq *Request) (shownWork, error) {
	all := r.URL.Query().Get("all") == "1"
	n := worklistShown
	if all {
		n = 0
	}
	w, total, err := app.db.WorklistTop(r.Context(), rq.Actor, rq.Now, app.cfg.Settings, n)
	if err != nil {
		return shownWork{}, err
	}
	return shownWork{Worklist: w, Total: total, All: all}, nil
}

// WorkMore says how many of the worklist's items are shown, when not all
// of them are.
func (v View) WorkMore(s shownWork) string {
	return v.L(fmt.Sprintf("Viser de %d mest hastende af %d opgaver.", len(s.Items), s.Total),
		fmt.Sprintf("Showing the %d most urgent of %d tasks.", len(s.Items), s.Total))
}

// WorkLink is where a worklist item leads: pharmacy staff to their queue,
// everyone else to the case page's section for the item.
func (v View) WorkLink(it workflow.WorkItem) string {
	if v.Req != nil && v.Req.User != nil && v.Req.User.Role == workflow.RolePharmacy {
		if it.Kind == workflow.WorkUrgentRequest {
			return "/pharmacy#urgent-" + it.RefID
		}
		return "/pharmacy#pack"
	}
	return "/cases/" + it.CaseID + caseAnchor(it.Kind)
}

// caseAnchor is the section of the case page a kind of work item is
// about; the top of the page for the rest (consent, a late first roll).
func caseAnchor(k workflow.WorkKind) string {
	switch k {
	case workflow.WorkGPOverdue, workflow.WorkGPAbsent:
		return "#gp"
	case workflow.WorkChangeMissesDeadline:
		return "#changes"
	case workflow.WorkDeliveryToCheck:
		return "#rolls"
	case workflow.WorkUrgentToCheck, workflow.WorkUrgentOverdue, workflow.WorkUrgentRejected, workflow.WorkUrgentLatePromise:
		return "#urgent"
	case workflow.WorkPauseEnd:
		return "#actions"
	}
	return ""
}

// UrgencyLabel names an urgency level for users.
func (v View) UrgencyLabel(u workflow.Urgency) string { return v.T("urgency." + u.String()) }
