package commands

import (
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

// gpAbsenceCommand is `dosis gp absence add|list`: GP absence periods with
// their substitute GP.
func (e *env) gpAbsenceCommand() *cli.Command {
	return &cli.Command{
		Name:  "absence",
		Usage: "register and list GP absence periods with a substitute GP",
		Subcommands: []*cli.Command{
			{
				Name:  "add",
				Usage: "register an absence (both dates included)",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "gp", Required: true, Usage: "the absent GP's ydernummer"},
					&cli.StringFlag{Name: "from", Required: true, Usage: "first day, dd-mm-yyyy"},
					&cli.StringFlag{Name: "to", Required: true, Usage: "last day, dd-mm-yyyy"},
					&cli.StringFlag{Name: "substitute", Usage: "the substitute GP's ydernummer"},
					&cli.StringFlag{Name: "note"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					from, err := dateFlag(c, "from", e.now())
					if err != nil {
						return err
					}
					to, err := dateFlag(c, "to", e.now())
					if err != nil {
						return err
					}
					gpID, err := db.GPIDByYdernummer(c.Context, c.String("gp"))
					if err != nil {
						return err
					}
					a, err := db.SaveGPAbsence(c.Context, e.actor(c), gpID, "", data.GPAbsenceEdit{From: from, To: to,
						SubstituteYdernummer: c.String("substitute"), Note: c.String("note")}, e.now())
					if err != nil {
						return err
					}
					return e.fields(c, a, "id", a.ID, "gp", c.String("gp"), "from", a.From.FormatWithWeek("da"),
						"to", a.To.FormatWithWeek("da"), "substitute", c.String("substitute"))
				}),
			},
			{
				Name:  "list",
				Usage: "list current and coming absences (--all for past ones too)",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "gp", Usage: "only this ydernummer"},
					&cli.BoolFlag{Name: "all", Usage: "include absences that have ended"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					from := calendar.Today(e.now())
					if c.Bool("all") {
						from = calendar.Date{}
					}
					items, err := db.GPAbsences(c.Context, c.String("gp"), from)
					if err != nil {
						return err
					}
					rows := make([][]string, len(items))
					for i, it := range items {
						rows[i] = []string{it.ID, it.Ydernummer, it.GPName, it.From.Format(), it.To.Format(),
							it.SubstituteYdernummer, it.SubstituteName, it.Note}
					}
					return e.table(c, items, []string{"ID", "YDERNUMMER", "GP", "FROM", "TO", "SUBSTITUTE", "SUBSTITUTE NAME", "NOTE"}, rows)
				}),
			},
		},
	}
}

// gpRedirectCommand is `dosis gp redirect CASE-ID`: send the case's open
// request on to the absent GP's substitute.
func (e *env) gpRedirectCommand() *cli.Command {
	return &cli.Command{
		Name:      "redirect",
		Usage:     "send a case's open GP request to the substitute of its absent GP",
		ArgsUsage: "CASE-ID",
		Flags:     []cli.Flag{&cli.StringFlag{Name: "note"}},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			cs, r, err := e.service(db).RedirectGPRequest(c.Context, e.actor(c), id, c.String("note"))
			if err != nil {
				return err
			}
			return e.fields(c, r, "case", cs.ID, "state", string(cs.State), "request", r.ID,
				"sent to GP", r.GPID, "redirected from GP", r.RedirectedFromGPID)
		}),
	}
}
