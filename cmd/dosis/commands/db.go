package commands

import (
	"fmt"
	"github.com/dosis-dk/dosis/data"

	"github.com/urfave/cli/v2"
)

func (e *env) dbCommand() *cli.Command {
	return &cli.Command{
		Name:  "db",
		Usage: "manage the database schema",
		Subcommands: []*cli.Command{
			{
				Name:  "migrate",
				Usage: "apply pending migrations and load the reference data (safe to repeat)",
				Action: func(c *cli.Context) error {
					db, err := e.openDB(c, false)
					if err != nil {
						return err
					}
					defer db.Close()
					applied, err := db.Migrate(c.Context)
					if err != nil {
						return err
					}
					if len(applied) == 0 {
						fmt.Fprintln(e.stdout, "schema is up to date; reference data refreshed")
						return nil
					}
					for _, name := range applied {
						fmt.Fprintf(e.stdout, "applied %s\n", name)
					}
					return nil
				},
			},
			{
				Name:  "status",
				Usage: "list migrations and whether each is applied",
				Action: func(c *cli.Context) error {
					db, err := data.OpenExisting(c.Context, c.String("db"))
					if err != nil {
						return err
					}
					defer db.Close()
					st, err := db.Status(c.Context)
					if err != nil {
						return err
					}
					rows := make([][]string, len(st))
					pending := 0
					for i, s := range st {
						state := "applied"
						if !s.Applied {
							state = "PENDING"
							pending++
						}
						rows[i] = []string{s.Name, s.Comment, state}
					}
					if err := e.table(c, st, []string{"MIGRATION", "NAME", "STATE"}, rows); err != nil {
						return err
					}
					if pending > 0 && !c.Bool("json") {
						fmt.Fprintf(e.stdout, "%d pending: run `dosis db migrate`\n", pending)
					}
					return nil
				},
			},
		},
	}
}
