package commands

import (
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

// flagDate reads the date flag --name with workflow.ParseDate, the web's
// refusal of a typed date.
func flagDate(name, s string) (calendar.Date, error) {
	return workflow.ParseDate(s, i18n.Verbatim("--"+name))
}

// optionalDate parses a dd-mm-yyyy flag; zero when the flag is not given.
func optionalDate(c *cli.Context, name string) (calendar.Date, error) {
	if !c.IsSet(name) || c.String(name) == "" {
		return calendar.Date{}, nil
	}
	return flagDate(name, c.String(name))
}

// optionalTime parses a "dd-mm-yyyy hh:mm" flag (Danish time) with the
// web forms' rule (workflow.ParseDateTimeText); zero when the flag is not
// given.
func optionalTime(c *cli.Context, name string) (time.Time, error) {
	if !c.IsSet(name) || c.String(name) == "" {
		return time.Time{}, nil
	}
	return workflow.ParseDateTimeText(c.String(name), i18n.Verbatim("--"+name))
}

func (e *env) citizenEditCommand() *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     "change a citizen's name, GP or medicine help (every change is logged)",
		ArgsUsage: "CITIZEN-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "name"},
			&cli.StringFlag{Name: "gp", Usage: `the GP's ydernummer ("-" removes the GP)`},
			&cli.BoolFlag{Name: "medicine-help", Usage: "the municipality helps with medicine (--medicine-help=false: no longer)"},
			&cli.StringFlag{Name: "since", Usage: `the day medicine help started, dd-mm-yyyy ("-" clears it)`},
			&cli.StringFlag{Name: "note", Usage: "why, for the change log"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("edit needs exactly one CITIZEN-ID argument")
			}
			in := data.CitizenEdit{Note: c.String("note")}
			if c.IsSet("name") {
				v := c.String("name")
				in.Name = &v
			}
			if c.IsSet("gp") {
				v := c.String("gp")
				in.GPYdernummer = &v
			}
			if c.IsSet("medicine-help") {
				v := c.Bool("medicine-help")
				in.MedicineHelp = &v
			}
			if c.IsSet("since") {
				var d calendar.Date
				if s := c.String("since"); s != "-" {
					var err error
					if d, err = flagDate("since", s); err != nil {
						return err
					}
				}
				in.MedicineHelpSince = &d
			}
			cit, err := db.UpdateCitizen(c.Context, e.actor(c), c.Args().First(), in, e.now())
			if err != nil {
				return err
			}
			return e.printCitizen(c, cit)
		}),
	}
}

func (e *env) citizenMoveCommand() *cli.Command {
	return &cli.Command{
		Name:      "move",
		Usage:     "move a citizen, their open case, its coming periods and open urgent rolls to another municipality",
		ArgsUsage: "CITIZEN-ID",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "municipality", Required: true, Usage: "the receiving municipality's code"},
			&cli.StringFlag{Name: "on", Usage: "the day of the move, dd-mm-yyyy (default today)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("move needs exactly one CITIZEN-ID argument")
			}
			on, err := optionalDate(c, "on")
			if err != nil {
				return err
			}
			res, err := db.MoveCitizen(c.Context, e.actor(c), data.CitizenMove{CitizenID: c.Args().First(),
				To: c.Int("municipality"), MovedOn: on, Note: c.String("note")}, e.now())
			if err != nil {
				return err
			}
			return e.fields(c, res, "citizen", res.Citizen.ID, "from", strconv.Itoa(res.From), "to", strconv.Itoa(res.Citizen.Municipality),
				"case", res.CaseID, "periods moved", strconv.Itoa(res.Periods), "urgent rolls moved", strconv.Itoa(res.UrgentRolls))
		}),
	}
}

func (e *env) rollsExtendCommand() *cli.Command {
	return &cli.Command{
		Name:      "extend",
		Usage:     "extend a period to 15–28 days with a reason (e.g. over Christmas); later periods move to follow it",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "period", Required: true, Usage: "the period's SEQ (see rolls list)"},
			&cli.IntFlag{Name: "days", Required: true, Usage: "the new length, 15–28"},
			&cli.StringFlag{Name: "reason", Required: true},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			ps, err := e.service(db).ExtendPeriod(c.Context, e.actor(c), id, c.Int("period"), c.Int("days"), c.String("reason"))
			if err != nil {
				return err
			}
			return e.periodTable(c, ps)
		}),
	}
}

func (e *env) caseJudgeCommand() *cli.Command {
	return &cli.Command{
		Name:      "judge",
		Usage:     `record the professional assessment of a "needs review" verdict: --eligible or --not-eligible, with --reason`,
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "eligible"},
			&cli.BoolFlag{Name: "not-eligible"},
			&cli.StringFlag{Name: "reason", Required: true, Usage: "the professional reason, kept beside the rule verdict"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			if c.Bool("eligible") == c.Bool("not-eligible") {
				return usagef("give exactly one of --eligible and --not-eligible")
			}
			cs, err := e.service(db).ProfessionalAssessment(c.Context, e.actor(c), id, c.Bool("eligible"), c.String("reason"))
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

func (e *env) caseRenewCommand() *cli.Command {
	return &cli.Command{
		Name:      "renew",
		Usage:     "record the GP's renewal of the dose-dispensing prescription",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "expires", Usage: "the new expiry, dd-mm-yyyy (default 2 years; at most 2 years)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			exp, err := optionalDate(c, "expires")
			if err != nil {
				return err
			}
			cs, err := e.service(db).RecordRenewal(c.Context, e.actor(c), id, exp, c.String("note"))
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

func (e *env) casePauseCommand() *cli.Command {
	cmd := e.caseEventCommand("pause", "pause dose dispensing (--until: with a planned end, a reminder that day)", true,
		func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
			until, err := optionalDate(c, "until")
			if err != nil {
				return workflow.Case{}, err
			}
			return sv.PauseUntil(c.Context, a, id, c.String("reason"), c.String("note"), until)
		})
	cmd.Flags = append(cmd.Flags, &cli.StringFlag{Name: "until", Usage: "the planned end of the pause, dd-mm-yyyy"})
	return cmd
}
