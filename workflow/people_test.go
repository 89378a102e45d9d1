package workflow_test

import (
	"testing"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPeopleWho: a screen names a user by full name and the role they
// acted in (or their pharmacy), the command line and a MedCom connection as
// such, and an id no user has as it was recorded.
func TestPeopleWho(t *testing.T) {
	people := workflow.People{
		"sygeplejerske1": {Name: "Anne Hansen", Role: workflow.RoleNurse},
		"apotek1":        {Name: "Bo Berg", Role: workflow.RolePharmacy, Pharmacy: "Aalborg Apotek"},
		"leder1":         {Name: "Lise Lund", Role: workflow.RoleLead},
	}
	for _, tc := range []struct {
		name, id string
		role     workflow.Role
		lang     i18n.Lang
		want     string
	}{
		{"nurse, role from the row", "sygeplejerske1", workflow.RoleNurse, i18n.Danish, "Anne Hansen, sygeplejerske"},
		{"nurse in English", "sygeplejerske1", workflow.RoleNurse, i18n.English, "Anne Hansen, nurse"},
		{"role unknown: the user's role now", "leder1", "", i18n.Danish, "Lise Lund, projektleder"},
		{"acted in another role than now", "leder1", workflow.RoleNurse, i18n.Danish, "Lise Lund, sygeplejerske"},
		{"pharmacy staff by pharmacy", "apotek1", workflow.RolePharmacy, i18n.Danish, "Bo Berg, Aalborg Apotek"},
		{"pharmacy staff, role unknown", "apotek1", "", i18n.English, "Bo Berg, Aalborg Apotek"},
		{"command line", "cli:ole", workflow.RoleAdmin, i18n.Danish, "kommandolinjen (ole)"},
		{"command line in English", "cli:ole", workflow.RoleAdmin, i18n.English, "command line (ole)"},
		{"MedCom token", "api:Aalborg EPJ", workflow.RoleNurse, i18n.Danish, "MedCom-forbindelse Aalborg EPJ"},
		{"no such user (removed, imported)", "gammel-bruger", workflow.RoleNurse, i18n.Danish, "gammel-bruger"},
		{"no actor", "", "", i18n.Danish, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := people.Who(tc.id, tc.role, tc.lang); got != tc.want {
				t.Errorf("Who(%q, %q) = %q, want %q", tc.id, tc.role, got, tc.want)
			}
		})
	}
	if got := workflow.People(nil).Who("sygeplejerske1", workflow.RoleNurse, i18n.Danish); got != "sygeplejerske1" {
		t.Errorf("with nobody resolved Who = %q, want the id", got)
	}
}
