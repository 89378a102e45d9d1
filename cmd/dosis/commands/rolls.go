package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

func (e *env) rollsCommand() *cli.Command {
	return &cli.Command{
		Name:  "rolls",
		Usage: "roll periods: list a case's schedule, plan ahead, what to pack, record deliveries",
		Subcommands: []*cli.Command{
			e.rollsListCommand(),
			e.rollsPlanCommand(),
			e.rollsToPackCommand(),
			e.rollsDeliveredCommand(),
			e.rollsExtendCommand(),
		},
	}
}

// weekDay formats a date with its ISO week: "05-03-2026 (uge 10)".
func weekDay(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.FormatWithWeek("da")
}

func periodRow(p workflow.Period) []string {
	return []string{strconv.Itoa(p.Seq), weekDay(p.Start), p.End.Format(), p.Deadline.Format(), p.Packing.Format(),
		p.ExpectedDelivery.Format(), strconv.Itoa(p.LengthDays), string(p.Status) + " (" + p.Status.Label(i18n.Danish) + ")"}
}

// periodTable prints roll periods as a table (or JSON with --json).
func (e *env) periodTable(c *cli.Context, ps []workflow.Period) error {
	rows := make([][]string, len(ps))
	for i, p := range ps {
		rows[i] = periodRow(p)
	}
	return e.table(c, ps, periodHeader(), rows)
}

func periodHeader() []string {
	return []string{"SEQ", "START", "END", "DEADLINE", "PACKING", "DELIVERY", "DAYS", "STATUS"}
}

func (e *env) rollsListCommand() *cli.Command {
	return &cli.Command{
		Name:      "list",
		Usage:     "list a case's roll periods with their dates and statuses",
		ArgsUsage: "CASE-ID",
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			ps, err := db.CasePeriods(c.Context, e.actor(c), id)
			if err != nil {
				return err
			}
			return e.periodTable(c, ps)
		}),
	}
}

func (e *env) rollsPlanCommand() *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "extend the schedules of all active cases and mark passed deadlines ready (idempotent)",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "weeks", Value: workflow.DefaultPlanWeeks, Usage: "plan this many weeks ahead"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			weeks := c.Int("weeks")
			if weeks < 1 || weeks > 104 {
				return usagef("--weeks must be between 1 and 104, not %d", weeks)
			}
			until := calendar.Today(e.now()).AddDays(7 * weeks)
			res, err := e.service(db).PlanAll(c.Context, e.actor(c), until)
			if err != nil {
				return err
			}
			return e.fields(c, res, "cases", strconv.Itoa(res.Cases), "periods added", strconv.Itoa(res.Created),
				"ready for packing", strconv.Itoa(res.Ready), "planned until", weekDay(until))
		}),
	}
}

func (e *env) rollsToPackCommand() *cli.Command {
	return &cli.Command{
		Name:  "to-pack",
		Usage: "the periods a pharmacy packs in a week (masked CPR)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "pharmacy", Required: true, Usage: "pharmacy id"},
			&cli.StringFlag{Name: "week", Usage: "ISO week: N (this year) or YYYY-WNN (default this week)"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			monday, err := weekFlag(c.String("week"), e.now())
			if err != nil {
				return err
			}
			items, err := db.PeriodsToPack(c.Context, e.actor(c), c.String("pharmacy"), monday, monday.AddDays(6))
			if err != nil {
				return err
			}
			rows := make([][]string, len(items))
			for i, it := range items {
				rows[i] = []string{weekDay(it.Packing), it.CaseID, strconv.Itoa(it.Seq), maskCPR(it.CPR), it.CitizenName,
					it.Start.Format() + "–" + it.End.Format(), it.ExpectedDelivery.Format(), string(it.Status)}
			}
			if !c.Bool("json") {
				fmt.Fprintf(e.stdout, "%s: %s–%s\n", calendar.WeekLabel(monday, "da"), monday.Format(), monday.AddDays(6).Format())
			}
			return e.table(c, items, []string{"PACKING", "CASE", "SEQ", "CPR", "NAME", "PERIOD", "DELIVERY", "STATUS"}, rows)
		}),
	}
}

// weekFlag returns the Monday of the ISO week s ("N" in now's ISO year or
// "YYYY-WNN"; "" for now's week).
func weekFlag(s string, now time.Time) (calendar.Date, error) {
	year, week := calendar.Today(now).ISOWeek()
	if s != "" {
		var err error
		if len(s) > 4 && s[4] == '-' {
			year, err = strconv.Atoi(s[:4])
			if err == nil {
				week, err = strconv.Atoi(trimW(s[5:]))
			}
		} else {
			week, err = strconv.Atoi(trimW(s))
		}
		if err != nil || week < 1 || week > 53 {
			return calendar.Date{}, usagef("--week %q: want a week number or YYYY-WNN", s)
		}
	}
	monday, err := calendar.ISOWeekStart(year, week)
	if err != nil {
		return calendar.Date{}, usagef("--week %q: %v", s, err)
	}
	return monday, nil
}

func trimW(s string) string {
	if len(s) > 0 && (s[0] == 'W' || s[0] == 'w') {
		return s[1:]
	}
	return s
}

func (e *env) rollsDeliveredCommand() *cli.Command {
	return &cli.Command{
		Name:      "delivered",
		Usage:     "record that the pharmacy delivered a period's roll",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{&cli.IntFlag{Name: "period", Required: true, Usage: "the period's SEQ (see rolls list)"},
			&cli.StringFlag{Name: "at", Usage: `when it was delivered, "dd-mm-yyyy hh:mm" Danish time (default now)`}},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			at, err := optionalTime(c, "at")
			if err != nil {
				return err
			}
			p, err := e.service(db).RecordDeliveredAt(c.Context, e.actor(c), id, c.Int("period"), at)
			if err != nil {
				return err
			}
			return e.table(c, p, periodHeader(), [][]string{periodRow(p)})
		}),
	}
}
