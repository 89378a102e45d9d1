package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
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
			&cli.GenericFlag{Name: "fact", Value: &repeated{}, Usage: "a fact as key=value (repeat; a decimal comma is kept)"},
			&cli.StringFlag{Name: "rules", Usage: "a rule-set JSON file instead of the one in force for the case's municipality (stored by an admin, or the built-in default)"},
			&cli.StringFlag{Name: "note"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			raw, err := factPairs(*c.Generic("fact").(*repeated))
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
			facts, err := workflow.ParseFacts(rs, raw)
			if err != nil {
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
			fmt.Fprintf(e.stdout, "%s\n\n", v.Summary(i18n.English))
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

// factPairs splits key=value pairs; workflow.ParseFacts reads the values
// with the rule set, as the web form's are read.
func factPairs(pairs []string) (map[string]string, error) {
	raw := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, usagef("--fact %q: expected key=value", p)
		}
		raw[k] = v
	}
	return raw, nil
}

func factKeys() string {
	var keys []string
	for _, fi := range eligibility.KnownFacts() {
		keys = append(keys, fi.Key)
	}
	return strings.Join(keys, ", ")
}

// repeated is a flag that may be given many times and, unlike a string
// slice flag, never splits a value at commas ("2,5" is a number).
type repeated []string

func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }
func (r *repeated) String() string     { return strings.Join(*r, " ") }
