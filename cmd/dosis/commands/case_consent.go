package commands

import (
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

func (e *env) caseConsentCommand() *cli.Command {
	return &cli.Command{
		Name:      "consent",
		Usage:     "record consent to dose-dispensed medicine",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "given-by", Value: workflow.GiverCitizen, Usage: "citizen, guardian or next_of_kin"},
			&cli.StringFlag{Name: "giver-name", Usage: "name of the guardian or next of kin (substitute consent)"},
			&cli.StringFlag{Name: "method", Required: true, Usage: "written, oral or tacit (tacit never for substitute consent)"},
			&cli.StringFlag{Name: "date", Usage: "date consent was given, dd-mm-yyyy (default today)"},
			&cli.BoolFlag{Name: "daily-care", Usage: "the person recording works in the citizen's daily care"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			given, err := dateFlag(c, "date", e.now())
			if err != nil {
				return err
			}
			cs, err := e.service(db).RecordConsent(c.Context, e.actor(c), id, workflow.ConsentInput{
				GivenBy: c.String("given-by"), GiverName: c.String("giver-name"), Method: c.String("method"),
				GivenOn: given, RecorderInDailyCare: c.Bool("daily-care")}, c.String("note"))
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

// dateFlag parses a date flag with calendar.ParseDate, defaulting to the
// Danish today at now (not the machine's day).
func dateFlag(c *cli.Context, name string, now time.Time) (calendar.Date, error) {
	s := c.String(name)
	if s == "" {
		return calendar.Today(now), nil
	}
	return flagDate(name, s)
}

func (e *env) caseGPDecisionCommand() *cli.Command {
	return &cli.Command{
		Name:      "gp-decision",
		Usage:     "record the GP's decision: --approve, or --reject with a reason",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "approve"},
			&cli.BoolFlag{Name: "reject"},
			&cli.StringFlag{Name: "reason", Usage: "rejection reason code"},
			&cli.StringFlag{Name: "expires", Usage: "DD prescription expiry, dd-mm-yyyy (default 2 years; at most 2 years)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			if c.Bool("approve") == c.Bool("reject") {
				return usagef("give exactly one of --approve and --reject")
			}
			var expires calendar.Date
			if c.String("expires") != "" {
				if expires, err = dateFlag(c, "expires", e.now()); err != nil {
					return err
				}
			}
			cs, err := e.service(db).RecordGPDecision(c.Context, e.actor(c), id, workflow.GPDecision{
				Approved: c.Bool("approve"), Reason: c.String("reason"), PrescriptionExpires: expires, Note: c.String("note")})
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

func (e *env) caseStartCommand() *cli.Command {
	return &cli.Command{
		Name:      "start",
		Usage:     "start dose dispensing at a pharmacy",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "pharmacy", Usage: "pharmacy id (see `dosis pharmacy list`)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			cs, err := e.service(db).Start(c.Context, e.actor(c), id, c.String("pharmacy"), c.String("note"))
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}
