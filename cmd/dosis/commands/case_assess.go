package commands

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/urfave/cli/v2"
)

func (e *env) caseAssessCommand() *cli.Command {
	return &cli.Command{
		Name:      "assess",
		Usage:     "assess eligibility from facts and store the explained verdict",
		ArgsUsage: "CASE-ID",
		Description: "Facts are key=value pairs; leave a fact out when it is unknown.\n" +
			"Keys of the default rule set: " + factKeys(),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "fact", Usage: "a fact as key=value (repeat)"},
			&cli.StringFlag{Name: "rules", Usage: "a rule-set JSON file instead of the one in force for the case's municipality (stored by an admin, or the built-in default)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			facts, err := parseFacts(c.StringSlice("fact"))
			if err != nil {
				return err
			}
			// The municipality's stored rule set (or the default), unless a
			// file is given.
			var rs *eligibility.RuleSet
			if f := c.String("rules"); f != "" {
				if rs, err = eligibility.LoadFile(f); err != nil {
					return usageError{err}
				}
			} else if rs, err = db.RuleSetForCase(c.Context, e.actor(c), id); err != nil {
				return err
			}
			v, cs, err := e.service(db).Assess(c.Context, e.actor(c), id, rs, facts, c.String("note"))
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return e.json(struct {
					Verdict eligibility.Verdict
					State   string
				}{v, string(cs.State)})
			}
			fmt.Fprintf(e.stdout, "%s\n\n", v.Summary("en"))
			rows := make([][]string, len(v.Results))
			for i, r := range v.Results {
				rows[i] = []string{r.ID, string(r.Status), r.Severity, r.ReasonEN}
			}
			if err := e.table(c, nil, []string{"CRITERION", "STATUS", "SEVERITY", "REASON"}, rows); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\ncase %s is now %s\n", cs.ID, cs.State)
			return nil
		}),
	}
}

// parseFacts reads key=value pairs: true/false become booleans, numbers
// (decimal comma allowed) become numbers, anything else stays text.
func parseFacts(pairs []string) (eligibility.Facts, error) {
	f := eligibility.Facts{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" {
			return nil, usagef("--fact %q: expected key=value", p)
		}
		switch strings.ToLower(v) {
		case "true", "yes", "ja":
			f[k] = true
			continue
		case "false", "no", "nej":
			f[k] = false
			continue
		}
		if n, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil {
			f[k] = n
			continue
		}
		f[k] = v
	}
	return f, nil
}

func factKeys() string {
	var keys []string
	for _, fi := range eligibility.KnownFacts() {
		keys = append(keys, fi.Key)
	}
	return strings.Join(keys, ", ")
}
