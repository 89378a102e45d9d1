package web

import (
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// TestWorkLink: a worklist item leads pharmacy staff to their queue and
// everyone else to the section of the case page it is about.
func TestWorkLink(t *testing.T) {
	as := func(r workflow.Role) View { return View{Req: &Request{User: &data.User{Role: r}}} }
	for _, tc := range []struct {
		name string
		role workflow.Role
		kind workflow.WorkKind
		want string
	}{
		{"consent", workflow.RoleNurse, workflow.WorkConsent, "/cases/c1"},
		{"GP overdue", workflow.RoleNurse, workflow.WorkGPOverdue, "/cases/c1#gp"},
		{"GP absent", workflow.RoleLead, workflow.WorkGPAbsent, "/cases/c1#gp"},
		{"change", workflow.RoleNurse, workflow.WorkChangeMissesDeadline, "/cases/c1#changes"},
		{"delivery", workflow.RoleNurse, workflow.WorkDeliveryToCheck, "/cases/c1#rolls"},
		{"urgent to check", workflow.RoleNurse, workflow.WorkUrgentToCheck, "/cases/c1#urgent"},
		{"urgent overdue", workflow.RoleLead, workflow.WorkUrgentOverdue, "/cases/c1#urgent"},
		{"first roll late", workflow.RoleNurse, workflow.WorkFirstRollLate, "/cases/c1"},
		{"pharmacy urgent request", workflow.RolePharmacy, workflow.WorkUrgentRequest, "/pharmacy#urgent-r1"},
		{"pharmacy period to pack", workflow.RolePharmacy, workflow.WorkPeriodToPack, "/pharmacy#pack"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := workflow.WorkItem{Kind: tc.kind, CaseID: "c1", RefID: "r1"}
			if got := as(tc.role).WorkLink(it); got != tc.want {
				t.Errorf("WorkLink = %q, want %q", got, tc.want)
			}
		})
	}
}
