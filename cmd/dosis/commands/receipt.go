package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) receiptCommand() *cli.Command {
	return &cli.Command{
		Name:      "receipt",
		Usage:     "record the receipt control (modtagekontrol) of a delivered roll, with deviations",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "period", Usage: "the period's SEQ (see rolls list)"},
			&cli.StringFlag{Name: "urgent", Usage: "an urgent roll's id instead of a period"},
			&cli.StringSliceFlag{Name: "deviation", Usage: "a deviation, repeatable: " + strings.Join(workflow.DeviationKinds(), ", ")},
			&cli.StringFlag{Name: "note", Usage: "free-text note"},
			&cli.StringFlag{Name: "at", Usage: `when the roll was received, "dd-mm-yyyy hh:mm" Danish time (default now)`},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			if (c.Int("period") == 0) == (c.String("urgent") == "") {
				return usagef("give either --period SEQ or --urgent ID")
			}
			at, err := optionalTime(c, "at")
			if err != nil {
				return err
			}
			in := workflow.ReceiptInput{Deviations: c.StringSlice("deviation"), Note: c.String("note"), At: at}
			sv := e.service(db)
			if u := c.String("urgent"); u != "" {
				if err := sv.RecordUrgentReceipt(c.Context, e.actor(c), id, u, in); err != nil {
					return err
				}
				return e.fields(c, map[string]any{"urgent_roll": u, "deviations": in.Deviations},
					"urgent roll", u, "received", stamp(e.now()), "deviations", deviationList(in.Deviations))
			}
			p, err := sv.RecordReceipt(c.Context, e.actor(c), id, c.Int("period"), in)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(struct {
					Period     workflow.Period
					Deviations []string
				}{p, in.Deviations})
			}
			return e.fields(c, nil, "period", weekDay(p.Start)+"–"+p.End.Format(), "status", p.Status.Label(i18n.Danish),
				"received", stamp(*p.ReceivedAt), "deviations", deviationList(in.Deviations))
		}),
	}
}

func deviationList(kinds []string) string {
	if len(kinds) == 0 {
		return "ingen (none)"
	}
	labels := make([]string, len(kinds))
	for i, k := range kinds {
		labels[i] = workflow.DeviationLabel(k, i18n.Danish)
	}
	return strings.Join(labels, "; ")
}
