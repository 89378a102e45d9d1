package commands

import (
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

// worklistCommand is `dosis worklist`: what a role must do now. The
// operator picks the role and its municipality or pharmacy; the list is
// scoped exactly as that role's web worklist.
func (e *env) worklistCommand() *cli.Command {
	return &cli.Command{
		Name:  "worklist",
		Usage: "what a role must do now, most urgent first",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "role", Required: true, Usage: "nurse, pharmacy or lead"},
			&cli.IntFlag{Name: "municipality", Usage: "municipality code (nurse, lead)"},
			&cli.StringFlag{Name: "pharmacy", Usage: "pharmacy id (pharmacy)"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			a, err := e.worklistActor(c)
			if err != nil {
				return err
			}
			w, err := db.Worklist(c.Context, a, e.now(), workflow.DefaultSettings())
			if err != nil {
				return err
			}
			rows := make([][]string, len(w.Items))
			for i, it := range w.Items {
				rows[i] = []string{it.Urgency.String(), stampWeek(it.Due), string(it.Kind), it.CaseID, it.CitizenName, it.LabelDA}
			}
			return e.table(c, w, []string{"URGENCY", "DUE", "KIND", "CASE", "NAME", "WHAT"}, rows)
		}),
	}
}

func (e *env) worklistActor(c *cli.Context) (workflow.Actor, error) {
	base := e.actor(c)
	role, err := workflow.ParseRole(c.String("role"))
	if err != nil {
		return base, err
	}
	a := workflow.Actor{UserID: base.UserID, Name: base.Name, Role: role}
	switch role {
	case workflow.RoleNurse, workflow.RoleLead:
		if a.Municipality = c.Int("municipality"); a.Municipality == 0 {
			return a, usagef("--role %s needs --municipality CODE", role)
		}
	case workflow.RolePharmacy:
		if a.PharmacyID = c.String("pharmacy"); a.PharmacyID == "" {
			return a, usagef("--role pharmacy needs --pharmacy ID")
		}
	default:
		return a, usagef("--role must be nurse, pharmacy or lead")
	}
	return a, nil
}
