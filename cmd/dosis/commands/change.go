package commands

import (
	"fmt"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) changeCommand() *cli.Command {
	return &cli.Command{
		Name:      "change",
		Usage:     "record a medication change; says whether the next roll carries it or an urgent roll is needed",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "effective", Required: true, Usage: "the date the change takes effect, dd-mm-yyyy"},
			&cli.StringFlag{Name: "description", Required: true, Usage: "what changes"},
			&cli.BoolFlag{Name: "bridge", Usage: "if the next roll is too late, bridge with ordinary packs instead of an urgent roll"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			eff, err := dateFlag(c, "effective", e.now())
			if err != nil {
				return err
			}
			out, err := e.service(db).RecordMedicationChange(c.Context, e.actor(c), id, workflow.ChangeInput{
				Description: c.String("description"), Effective: eff, Bridge: c.Bool("bridge")})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(out)
			}
			if err := e.fields(c, nil, "change", out.Change.ID, "effective", weekDay(out.Change.EffectiveDate),
				"decision", out.Change.Decision); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\n%s\n%s\n", out.ExplanationDA, out.ExplanationEN)
			if u := out.Urgent; u != nil {
				fmt.Fprintf(e.stdout, "\nakutrulle (prefilled urgent request): reason %s, needed by %s\n", u.Reason, stamp(u.NeededBy))
			}
			return nil
		}),
	}
}
