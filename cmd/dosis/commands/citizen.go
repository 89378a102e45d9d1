package commands

import (
	"fmt"
	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) citizenCommand() *cli.Command {
	return &cli.Command{
		Name:  "citizen",
		Usage: "register and look up citizens",
		Subcommands: []*cli.Command{
			{
				Name:  "add",
				Usage: "register a citizen",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "cpr", Required: true, Usage: "CPR number, DDMMYY-SSSS"},
					&cli.StringFlag{Name: "name", Required: true},
					&cli.IntFlag{Name: "municipality", Required: true, Usage: "3-digit municipality code, e.g. 851"},
					&cli.StringFlag{Name: "gp", Usage: "the GP's ydernummer"},
					&cli.BoolFlag{Name: "medicine-help", Usage: "the municipality helps the citizen with medicine"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					cit, warnings, err := db.AddCitizen(c.Context, e.actor(c), data.NewCitizen{
						CPR: c.String("cpr"), Name: c.String("name"), Municipality: c.Int("municipality"),
						GPYdernummer: c.String("gp"), MedicineHelp: c.Bool("medicine-help")}, e.now())
					if err != nil {
						return err
					}
					for _, w := range warnings {
						fmt.Fprintf(e.stderr, "warning: %s\n", w)
					}
					return e.printCitizen(c, cit)
				}),
			},
			{
				Name:      "show",
				Usage:     "show a citizen by id, or by --cpr (the lookup is logged)",
				ArgsUsage: "[CITIZEN-ID]",
				Flags:     []cli.Flag{&cli.StringFlag{Name: "cpr"}},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					var cit workflow.Citizen
					var err error
					switch {
					case c.String("cpr") != "":
						cit, err = db.FindCitizenByCPR(c.Context, e.actor(c), c.String("cpr"), e.now())
					case c.Args().Len() == 1:
						cit, err = db.Citizen(c.Context, e.actor(c), c.Args().First(), "cli.citizen.show", e.now())
					default:
						return usagef("give a citizen id or --cpr")
					}
					if err != nil {
						return err
					}
					return e.printCitizen(c, cit)
				}),
			},
			e.citizenExportCommand(),
			e.citizenEditCommand(),
			e.citizenMoveCommand(),
		},
	}
}

func (e *env) printCitizen(c *cli.Context, cit workflow.Citizen) error {
	return e.fields(c, cit,
		"id", cit.ID, "cpr", formatCPR(cit.CPR), "name", cit.Name, "born", cit.BirthDate.Format(),
		"sex", cit.Sex, "municipality", strconv.Itoa(cit.Municipality), "gp", cit.GPID,
		"medicine help", yesNo(cit.MedicineHelp))
}

func formatCPR(digits string) string {
	if len(digits) != 10 {
		return digits
	}
	return digits[:6] + "-" + digits[6:]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
