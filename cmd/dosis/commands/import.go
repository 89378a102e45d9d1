package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"os"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/urfave/cli/v2"
)

func (e *env) importCommand() *cli.Command {
	var subs []*cli.Command
	for _, k := range imports.Kinds() {
		var cols []string
		for _, c := range imports.Columns(k) {
			name := c.Aliases[0]
			if !c.Required {
				name = "[" + name + "]"
			}
			cols = append(cols, name)
		}
		subs = append(subs, &cli.Command{
			Name:      string(k),
			Usage:     "import " + string(k) + " from CSV or .xlsx (columns: " + strings.Join(cols, ", ") + "; see docs/imports.md)",
			ArgsUsage: "FILE",
			Flags: []cli.Flag{
				&cli.BoolFlag{Name: "dry-run", Usage: "report what would change and write nothing"},
				&cli.IntFlag{Name: "municipality", Usage: "municipality code for rows without one; rows naming another are refused"},
			},
			Action: e.withDB(func(c *cli.Context, db *data.DB) error { return e.runImport(c, db, k) }),
		})
	}
	return &cli.Command{
		Name:        "import",
		Usage:       "import citizens, medicine help, GPs or pharmacies from a spreadsheet (all or nothing)",
		Subcommands: subs,
	}
}

func (e *env) runImport(c *cli.Context, db *data.DB, k imports.Kind) error {
	if c.Args().Len() != 1 {
		return usagef("give one file: dosis import %s FILE", k)
	}
	file := c.Args().First()
	b, err := os.ReadFile(file)
	if err != nil {
		return usagef("read %s: %v", file, err)
	}
	rep, err := imports.Run(c.Context, db, e.actor(c), k, b,
		imports.Options{DryRun: c.Bool("dry-run"), Municipality: c.Int("municipality"), Now: e.now()})
	if rep == nil {
		return err
	}
	if c.Bool("json") {
		if jerr := e.json(rep); jerr != nil {
			return jerr
		}
		return err
	}
	how := rep.Format
	if rep.Format == "csv" {
		how = fmt.Sprintf("csv, %s, separator %q", rep.Encoding, rep.Separator)
	}
	fmt.Fprintf(e.stdout, "%s from %s (%s): %d rows\n", k, file, how, rep.Rows)
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(e.stdout, "ignored columns: %s\n", strings.Join(rep.Ignored, ", "))
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w.Message(i18n.English))
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stderr, "error: %s\n", p.Message(i18n.English))
	}
	if err != nil {
		return err
	}
	switch {
	case rep.DryRun:
		fmt.Fprintf(e.stdout, "dry run, nothing written: would be %s\n", rep.Summary(i18n.English))
	default:
		fmt.Fprintf(e.stdout, "%s\n", rep.Summary(i18n.English))
	}
	return nil
}
