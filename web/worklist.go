package web

import (
	"context"

	"github.com/dosis-dk/dosis/workflow"
)

// worklistRoles are the roles whose home page is their worklist.
func worklistRole(r workflow.Role) bool {
	return r == workflow.RoleNurse || r == workflow.RoleLead || r == workflow.RolePharmacy
}

// worklist loads the actor's worklist (scoped in the data layer), most
// urgent first. It carries no CPR number.
func (app *App) worklist(ctx context.Context, rq *Request) (workflow.Worklist, error) {
	return app.db.Worklist(ctx, rq.Actor, rq.Now, app.cfg.Settings)
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
	anchor := map[workflow.WorkKind]string{
		workflow.WorkConsent: "", workflow.WorkGPOverdue: "#gp", workflow.WorkGPAbsent: "#gp",
		workflow.WorkChangeMissesDeadline: "#changes", workflow.WorkDeliveryToCheck: "#rolls",
		workflow.WorkUrgentToCheck: "#urgent", workflow.WorkUrgentOverdue: "#urgent", workflow.WorkFirstRollLate: "",
	}[it.Kind]
	return "/cases/" + it.CaseID + anchor
}

// UrgencyLabel names an urgency level for users.
func (v View) UrgencyLabel(u workflow.Urgency) string { return v.T("urgency." + u.String()) }
