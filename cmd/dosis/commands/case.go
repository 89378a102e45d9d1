package commands

import (
	"github.com/dosis-dk/dosis/workflow/cpr"

	"github.com/dosis-dk/dosis/i18n"

	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) caseCommand() *cli.Command {
	return &cli.Command{
		Name:  "case",
		Usage: "open, list, show and move cases along the path",
		Subcommands: []*cli.Command{
			e.caseOpenCommand(),
			e.caseReasonsCommand(),
			e.caseListCommand(),
			e.caseShowCommand(),
			e.caseAssessCommand(),
			e.caseConsentCommand(),
			e.caseEventCommand("withdraw", "record that consent was withdrawn (ends the case)", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
					return sv.WithdrawConsent(c.Context, a, id, c.String("note"))
				}),
			e.caseEventCommand("decline", "record that the citizen declined", true,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
					return sv.Decline(c.Context, a, id, c.String("reason"), c.String("note"))
				}),
			e.caseEventCommand("request-gp", "send the proposal to the citizen's GP", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
					return sv.RequestGP(c.Context, a, id, c.String("note"))
				}),
			e.caseGPDecisionCommand(),
			e.caseStartCommand(),
			e.casePauseCommand(),
			e.caseJudgeCommand(),
			e.caseRenewCommand(),
			e.caseEventCommand("resume", "resume a paused case", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
					return sv.Resume(c.Context, a, id, c.String("note"))
				}),
			e.caseEventCommand("end", "end a case", true,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.Case, error) {
					return sv.End(c.Context, a, id, c.String("reason"), c.String("note"))
				}),
		},
	}
}

// service returns the workflow service on db with the command's clock.
func (e *env) service(db *data.DB) *workflow.Service {
	return workflow.NewService(db, e.now, workflow.DefaultSettings())
}

// caseEventCommand builds a command that fires one event on the case named
// by its argument.
func (e *env) caseEventCommand(name, usage string, reason bool,
	fire func(*cli.Context, *workflow.Service, workflow.Actor, string) (workflow.Case, error)) *cli.Command {
	flags := []cli.Flag{&cli.StringFlag{Name: "note", Usage: "free-text note for the audit trail"}}
	if reason {
		flags = append(flags, &cli.StringFlag{Name: "reason", Required: true, Usage: "reason code (see `dosis case reasons`)"})
	}
	return &cli.Command{
		Name: name, Usage: usage, ArgsUsage: "CASE-ID", Flags: flags,
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			cs, err := fire(c, e.service(db), e.actor(c), id)
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

func caseArg(c *cli.Context) (string, error) {
	if c.Args().Len() != 1 {
		return "", usagef("%s needs exactly one CASE-ID argument", c.Command.Name)
	}
	return c.Args().First(), nil
}

func (e *env) printCase(c *cli.Context, cs workflow.Case) error {
	return e.fields(c, cs, "case", cs.ID, "state", string(cs.State)+" ("+cs.State.Label(i18n.English)+")",
		"reason", cs.StateReason, "version", strconv.Itoa(cs.Version), "updated", stamp(cs.UpdatedAt))
}

func (e *env) caseOpenCommand() *cli.Command {
	return &cli.Command{
		Name:  "open",
		Usage: "open a case for a citizen",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "citizen", Required: true, Usage: "citizen id"},
			&cli.StringFlag{Name: "source", Value: "home_care", Usage: "who flagged the candidate: home_care, nursing_home, gp, hospital, pharmacy, other"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			cs, err := e.service(db).OpenCase(c.Context, e.actor(c), c.String("citizen"), c.String("source"))
			if err != nil {
				return err
			}
			return e.printCase(c, cs)
		}),
	}
}

func (e *env) caseListCommand() *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list cases (masked CPR), newest change first",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "state", Usage: "only these states"},
			&cli.IntFlag{Name: "limit", Value: 100},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			var states []workflow.State
			for _, s := range c.StringSlice("state") {
				states = append(states, workflow.State(s))
			}
			items, err := db.ListCases(c.Context, e.actor(c), data.CaseFilter{States: states, Limit: c.Int("limit")})
			if err != nil {
				return err
			}
			rows := make([][]string, len(items))
			for i, it := range items {
				rows[i] = []string{it.ID, maskCPR(it.CPR), it.CitizenName, strconv.Itoa(it.Municipality),
					string(it.State), it.StateReason, stamp(it.UpdatedAt)}
			}
			return e.table(c, items, []string{"CASE", "CPR", "NAME", "MUN", "STATE", "REASON", "UPDATED"}, rows)
		}),
	}
}

// maskCPR is cpr.Mask, the mask the web uses too.
func maskCPR(digits string) string { return cpr.Mask(digits) }
