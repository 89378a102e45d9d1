package commands

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dosis-dk/dosis/workflow"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/urfave/cli/v2"
)

// table prints rows under a header, or the JSON value v with --json.
func (e *env) table(c *cli.Context, v any, header []string, rows [][]string) error {
	if c.Bool("json") {
		return e.json(v)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = workflow.Printable(v)
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	return w.Flush()
}

func (e *env) json(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// fields prints label: value pairs, or v as JSON with --json.
func (e *env) fields(c *cli.Context, v any, pairs ...string) error {
	if c.Bool("json") {
		return e.json(v)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	for i := 0; i+1 < len(pairs); i += 2 {
		// Stored text is printed escaped: a control character in a name
		// (stored before names were checked) cannot drive the terminal.
		fmt.Fprintf(w, "%s:\t%s\n", pairs[i], workflow.Printable(pairs[i+1]))
	}
	return w.Flush()
}

// day formats the Danish day of an instant as users read it: dd-mm-yyyy.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendar.DayOf(t).Format()
}

// stamp formats an instant as dd-mm-yyyy hh:mm in Danish time.
func stamp(t time.Time) string {
	return calendar.FormatTime(t)
}
