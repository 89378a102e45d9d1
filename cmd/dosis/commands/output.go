package commands

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

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
		fmt.Fprintln(w, strings.Join(r, "\t"))
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
		fmt.Fprintf(w, "%s:\t%s\n", pairs[i], pairs[i+1])
	}
	return w.Flush()
}

// day formats a date as users read it: dd-mm-yyyy.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendar.Format(t.In(copenhagen()))
}

// stamp formats a time as dd-mm-yyyy hh:mm in Danish time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := t.In(copenhagen())
	return calendar.Format(l) + " " + l.Format("15:04")
}

// copenhagen is Europe/Copenhagen (UTC when the zone data is missing).
// It is a cache of a constant, not mutable state: time.LoadLocation
// parses the zone data on every call (10 % of the web server's CPU when
// called per date shown), so it runs once; a *time.Location is immutable.
var copenhagen = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
})
