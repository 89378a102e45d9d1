package commands

import (
	"fmt"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

func (e *env) hospitalCommand() *cli.Command {
	sub := []*cli.Command{}
	for _, k := range []struct{ name, kind, usage string }{
		{"admit", workflow.HospitalAdmission, "record a hospital admission (pauses an active case)"},
		{"leave", workflow.HospitalLeave, "record a leave from hospital (recorded only)"},
		{"discharge", workflow.HospitalDischarge, "record a discharge (resumes a case paused by an admission; prefills an urgent roll)"},
	} {
		sub = append(sub, e.hospitalEventCommand(k.name, k.kind, k.usage))
	}
	return &cli.Command{
		Name:        "hospital",
		Usage:       "hospital notifications (MedCom HospitalNotification): admission, leave, discharge",
		Subcommands: append(sub, e.hospitalImportCommand()),
	}
}

func (e *env) hospitalEventCommand(name, kind, usage string) *cli.Command {
	return &cli.Command{
		Name: name, Usage: usage, ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "at", Usage: "when, dd-mm-yyyy hh:mm Danish time (default now)"},
			&cli.StringFlag{Name: "hospital", Usage: "the hospital or ward"},
			&cli.StringFlag{Name: "message-id", Usage: "the notification's message id (recorded once)"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			at := e.now()
			if s := c.String("at"); s != "" {
				if at, err = calendar.ParseTime(s, false); err != nil {
					return usagef("--at: %v", err)
				}
			}
			out, err := e.service(db).RecordHospitalNotification(c.Context, e.actor(c), id, kind, at,
				c.String("hospital"), c.String("message-id"))
			if err != nil {
				return err
			}
			return e.printHospital(c, []workflow.HospitalOutcome{out})
		}),
	}
}

func (e *env) printHospital(c *cli.Context, outs []workflow.HospitalOutcome) error {
	if c.Bool("json") {
		return e.json(outs)
	}
	rows := make([][]string, len(outs))
	for i, o := range outs {
		n := o.Notification
		action := o.Action
		if o.Duplicate {
			action = "duplicate (already recorded; nothing changed)"
		}
		rows[i] = []string{n.MessageID, n.CaseID, n.Kind, stamp(n.At), action, string(o.Case.State)}
	}
	if err := e.table(c, nil, []string{"MESSAGE", "CASE", "KIND", "AT", "ACTION", "STATE"}, rows); err != nil {
		return err
	}
	for _, o := range outs {
		if u := o.Urgent; u != nil {
			fmt.Fprintf(e.stdout, "\nakutrulle (prefilled urgent request) for case %s: reason %s, needed by %s\n  %s\n",
				u.CaseID, u.Reason, stamp(u.NeededBy), u.Note)
		}
	}
	return nil
}
