package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

// remindCommand is `dosis remind`: record the reminders due now. It is
// idempotent and safe to run from several machines at once (cron).
func (e *env) remindCommand() *cli.Command {
	return &cli.Command{
		Name:  "remind",
		Usage: "record due reminders (GP follow-ups, renewals, first rolls, overdue urgent rolls); safe to repeat",
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			now := e.now()
			created, err := db.Remind(c.Context, now, workflow.DefaultSettings())
			if err != nil {
				return err
			}
			counts, err := db.DueReminderCounts(c.Context, now)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(struct {
					Created []workflow.Reminder
					Due     []data.ReminderCount
				}{created, counts})
			}
			fmt.Fprintf(e.stdout, "created %d reminder(s)\n", len(created))
			rows := make([][]string, len(created))
			for i, r := range created {
				rows[i] = []string{r.Kind, r.CaseID, stampWeek(r.DueAt), workflow.ReminderLabel(r.Kind, i18n.Danish)}
			}
			if len(rows) > 0 {
				if err := e.table(c, created, []string{"KIND", "CASE", "DUE", "WHAT"}, rows); err != nil {
					return err
				}
			}
			fmt.Fprintln(e.stdout, "open reminders due now:")
			due := make([][]string, len(counts))
			for i, rc := range counts {
				due[i] = []string{rc.Kind, fmt.Sprint(rc.Count)}
			}
			return e.table(c, counts, []string{"KIND", "COUNT"}, due)
		}),
	}
}
