package commands

import (
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/urfave/cli/v2"
)

func (e *env) backupCommand() *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "write a consistent copy of the SQLite database while it is in use (PostgreSQL: see pg_dump)",
		ArgsUsage: "FILE",
		Action: func(c *cli.Context) error {
			if c.Args().Len() != 1 {
				return usagef("give the backup file: dosis backup FILE")
			}
			if data.IsPostgres(c.String("db")) {
				return usagef("%s", "dosis backup copies SQLite databases only.\n"+data.PostgresBackupHelp)
			}
			db, err := data.OpenExisting(c.Context, c.String("db")) // never an empty copy of a mistyped --db
			if err != nil {
				return err
			}
			defer db.Close()
			info, err := db.Backup(c.Context, c.Args().First())
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(info)
			}
			fmt.Fprintf(e.stdout, "backup written to %s (%d bytes, integrity ok, %d migrations)\n",
				info.Path, info.Bytes, len(info.Migrations))
			return nil
		},
	}
}

func (e *env) restoreCommand() *cli.Command {
	return &cli.Command{
		Name: "restore",
		Usage: "replace the SQLite database (--db) with a backup after checking it; " +
			"stop dosis serve first (PostgreSQL: see pg_restore)",
		ArgsUsage: "FILE",
		Action: func(c *cli.Context) error {
			if c.Args().Len() != 1 {
				return usagef("give the backup file: dosis restore FILE")
			}
			res, err := data.Restore(c.Context, c.Args().First(), c.String("db"), e.now())
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(res)
			}
			fmt.Fprintf(e.stdout, "restored %s into %s (integrity ok)\n", res.Path, c.String("db"))
			if res.Previous != "" {
				fmt.Fprintf(e.stdout, "the database it replaced is kept as %s\n", res.Previous)
			}
			if len(res.Pending) > 0 {
				fmt.Fprintf(e.stdout, "the backup's schema is older (%d pending: %s): run `dosis db migrate` now\n",
					len(res.Pending), strings.Join(res.Pending, ", "))
			}
			return nil
		},
	}
}
