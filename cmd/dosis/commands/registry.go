package commands

import (
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) gpCommand() *cli.Command {
	return &cli.Command{
		Name:  "gp",
		Usage: "register and list general practitioners",
		Subcommands: []*cli.Command{
			e.gpAbsenceCommand(),
			e.gpRedirectCommand(),
			{
				Name:  "add",
				Usage: "register a GP practice",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "ydernummer", Required: true, Usage: "the GP's ydernummer, up to 6 digits (leading zeros restored)"},
					&cli.StringFlag{Name: "name", Required: true, Usage: "the GP's or practice's name"},
					&cli.StringFlag{Name: "clinic", Usage: "the clinic's name"},
					&cli.IntFlag{Name: "municipality", Usage: "the practice's municipality code (optional)"},
					&cli.StringFlag{Name: "sor", Usage: "the clinic's SOR code (MedCom receiver)"},
					&cli.StringFlag{Name: "ean", Usage: "the clinic's EAN (GLN) location number (MedCom receiver)"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					g, err := db.AddGPAs(c.Context, e.actor(c), workflow.GP{Ydernummer: c.String("ydernummer"), Name: c.String("name"),
						Clinic: c.String("clinic"), Municipality: c.Int("municipality"), SOR: c.String("sor"), EAN: c.String("ean")}, e.now())
					if err != nil {
						return err
					}
					return e.fields(c, g, "id", g.ID, "ydernummer", g.Ydernummer, "name", g.Name, "clinic", g.Clinic,
						"sor", g.SOR, "ean", g.EAN)
				}),
			},
			{
				Name:  "list",
				Usage: "list GP practices",
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					gps, err := db.GPs(c.Context)
					if err != nil {
						return err
					}
					rows := make([][]string, len(gps))
					for i, g := range gps {
						rows[i] = []string{g.ID, g.Ydernummer, g.Name, g.Clinic, g.SOR, g.EAN}
					}
					return e.table(c, gps, []string{"ID", "YDERNUMMER", "NAME", "CLINIC", "SOR", "EAN"}, rows)
				}),
			},
		},
	}
}

func (e *env) pharmacyCommand() *cli.Command {
	return &cli.Command{
		Name:  "pharmacy",
		Usage: "register and list pharmacies",
		Subcommands: []*cli.Command{
			{
				Name:  "add",
				Usage: "register a pharmacy with its roll settings",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "name", Required: true, Usage: "the pharmacy's name, 1–200 characters"},
					&cli.IntFlag{Name: "municipality", Required: true, Usage: "the pharmacy's municipality code (one of the 98)"},
					&cli.IntFlag{Name: "period-days", Value: 14, Usage: "roll period, 14 or 7 days"},
					&cli.IntFlag{Name: "deadline-days", Value: 3, Usage: "working days before a period its changes must be in"},
					&cli.IntFlag{Name: "lead-hours", Value: 24, Usage: "promised urgent-roll lead time in working hours"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					p, err := db.AddPharmacyAs(c.Context, e.actor(c), workflow.Pharmacy{Name: c.String("name"),
						Municipality: c.Int("municipality"), PeriodDays: c.Int("period-days"),
						DeadlineWorkingDays: c.Int("deadline-days"), LeadTimeHours: c.Int("lead-hours")}, e.now())
					if err != nil {
						return err
					}
					return e.fields(c, p, "id", p.ID, "name", p.Name, "period", strconv.Itoa(p.PeriodDays)+" days")
				}),
			},
			{
				Name:  "list",
				Usage: "list pharmacies",
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					ps, err := db.Pharmacies(c.Context)
					if err != nil {
						return err
					}
					rows := make([][]string, len(ps))
					for i, p := range ps {
						rows[i] = []string{p.ID, p.Name, strconv.Itoa(p.Municipality), strconv.Itoa(p.PeriodDays),
							strconv.Itoa(p.DeadlineWorkingDays), strconv.Itoa(p.LeadTimeHours)}
					}
					return e.table(c, ps, []string{"ID", "NAME", "MUNICIPALITY", "PERIOD", "DEADLINE", "LEAD H"}, rows)
				}),
			},
		},
	}
}
