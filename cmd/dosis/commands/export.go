package commands

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/dosis-dk/dosis/data"
	"github.com/urfave/cli/v2"
)

// citizenExportCommand is `dosis citizen export`: everything stored about
// one citizen as JSON (the right of access); the export is logged.
func (e *env) citizenExportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write everything stored about a citizen as JSON (right of access; admins only; logged)",
		ArgsUsage: "CITIZEN-ID",
		Flags:     []cli.Flag{&cli.StringFlag{Name: "out", Usage: "write to this file (created, mode 0600) instead of standard output"}},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("give a citizen id: dosis citizen export CITIZEN-ID")
			}
			x, err := db.ExportCitizen(c.Context, e.actor(c), c.Args().First(), e.now())
			if err != nil {
				return err
			}
			b, err := json.MarshalIndent(x, "", "  ")
			if err != nil {
				return fmt.Errorf("encode export: %w", err)
			}
			b = append(b, '\n')
			out := c.String("out")
			if out == "" {
				_, err := e.stdout.Write(b)
				return err
			}
			f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return usagef("create %s: %v", out, err)
			}
			if _, err := f.Write(b); err != nil {
				_ = f.Close()
				return fmt.Errorf("write %s: %w", out, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write %s: %w", out, err)
			}
			fmt.Fprintf(e.stdout, "export written to %s (%d tables)\n", out, len(x.Order))
			return nil
		}),
	}
}
