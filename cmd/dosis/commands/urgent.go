package commands

import (
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

// urgentCommand is `dosis urgent`: request and move urgent rolls
// (akutruller). The command line acts as the admin System actor, which may
// take every step; the web application enforces the pharmacy and
// municipality roles.
func (e *env) urgentCommand() *cli.Command {
	return &cli.Command{
		Name:  "urgent",
		Usage: "request, handle and list urgent rolls (akutruller)",
		Subcommands: []*cli.Command{
			e.urgentRequestCommand(),
			e.urgentStepCommand("accept", "the pharmacy accepts the urgent roll", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.UrgentRoll, error) {
					return sv.AcceptUrgentRoll(c.Context, a, id, c.String("note"))
				}),
			e.urgentStepCommand("reject", "the pharmacy rejects the urgent roll, with a reason", true,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.UrgentRoll, error) {
					return sv.RejectUrgentRoll(c.Context, a, id, c.String("reason"))
				}),
			e.urgentStepCommand("packed", "the pharmacy packed the urgent roll", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.UrgentRoll, error) {
					return sv.MarkUrgentPacked(c.Context, a, id, c.String("note"))
				}),
			e.urgentStepCommand("delivered", "the pharmacy delivered the urgent roll", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.UrgentRoll, error) {
					return sv.MarkUrgentDelivered(c.Context, a, id, c.String("note"))
				}),
			e.urgentStepCommand("cancel", "the municipality cancels the urgent roll (while requested or accepted)", false,
				func(c *cli.Context, sv *workflow.Service, a workflow.Actor, id string) (workflow.UrgentRoll, error) {
					return sv.CancelUrgentRoll(c.Context, a, id, c.String("note"))
				}),
			e.urgentQueueCommand(),
		},
	}
}

func (e *env) urgentRequestCommand() *cli.Command {
	return &cli.Command{
		Name:      "request",
		Usage:     "request an urgent roll from the case's pharmacy",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "reason", Required: true, Usage: "one of: " + strings.Join(workflow.UrgentReasons(), ", ")},
			&cli.StringFlag{Name: "needed-by", Required: true, Usage: `when the roll is needed, "dd-mm-yyyy hh:mm" (Danish time)`},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			needed, err := calendar.ParseTime(c.String("needed-by"), true)
			if err != nil {
				return usagef("--needed-by: %v", err)
			}
			u, err := e.service(db).RequestUrgentRoll(c.Context, e.actor(c), workflow.UrgentRequest{CaseID: id,
				Reason: c.String("reason"), NeededBy: needed, Note: c.String("note")})
			if err != nil {
				return err
			}
			if u.Existing {
				fmt.Fprintf(e.stderr, "dosis: the same urgent roll is already open (requested %s); no new one was requested\n", stamp(u.RequestedAt))
			}
			return e.printUrgent(c, u)
		}),
	}
}

func (e *env) urgentStepCommand(name, usage string, reason bool,
	step func(*cli.Context, *workflow.Service, workflow.Actor, string) (workflow.UrgentRoll, error)) *cli.Command {
	flags := []cli.Flag{&cli.StringFlag{Name: "note", Usage: "free-text note for the urgent roll's audit trail"}}
	if reason {
		flags = append(flags, &cli.StringFlag{Name: "reason", Required: true, Usage: "why the pharmacy rejects it"})
	}
	return &cli.Command{
		Name: name, Usage: usage, ArgsUsage: "URGENT-ID", Flags: flags,
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("%s needs exactly one URGENT-ID argument", name)
			}
			u, err := step(c, e.service(db), e.actor(c), c.Args().First())
			if err != nil {
				return err
			}
			return e.printUrgent(c, u)
		}),
	}
}

func (e *env) printUrgent(c *cli.Context, u workflow.UrgentRoll) error {
	overdue := "no"
	if u.Overdue(e.now()) {
		overdue = "YES"
	}
	return e.fields(c, u, "urgent roll", u.ID, "case", u.CaseID, "status", string(u.Status)+" ("+u.Status.Label(i18n.Danish)+")",
		"reason", u.Reason, "needed by", stampWeek(u.NeededBy), "promised by", stampWeek(u.PromisedBy),
		"overdue", overdue, "reject reason", u.RejectReason)
}

// stampWeek formats a time as dd-mm-yyyy hh:mm with its ISO week.
func stampWeek(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return stamp(t) + " (" + calendar.WeekLabel(calendar.DayOf(t), "da") + ")"
}

func (e *env) urgentQueueCommand() *cli.Command {
	return &cli.Command{
		Name:  "queue",
		Usage: "list open urgent rolls, most urgent needed-by time first",
		Flags: []cli.Flag{&cli.StringFlag{Name: "pharmacy", Usage: "pharmacy id (default: every pharmacy)"}},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			items, err := db.UrgentQueue(c.Context, e.actor(c), c.String("pharmacy"), e.now())
			if err != nil {
				return err
			}
			rows := make([][]string, len(items))
			for i, it := range items {
				flag := ""
				if it.Overdue {
					flag = "OVERDUE"
				}
				rows[i] = []string{it.ID, it.CaseID, it.CitizenName, it.Reason, string(it.Status),
					stampWeek(it.NeededBy), stampWeek(it.PromisedBy), flag}
			}
			return e.table(c, items, []string{"URGENT", "CASE", "NAME", "REASON", "STATUS", "NEEDED BY", "PROMISED BY", ""}, rows)
		}),
	}
}
