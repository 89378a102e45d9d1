package commands

import (
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) caseReasonsCommand() *cli.Command {
	return &cli.Command{
		Name:  "reasons",
		Usage: "list the reason codes of pause, decline, gp-decision --reject and end",
		Action: func(c *cli.Context) error {
			type row struct{ Event, Code, Danish, English string }
			var out []row
			var rows [][]string
			for _, ev := range workflow.Events() {
				for _, r := range workflow.Reasons(ev) {
					out = append(out, row{string(ev), r.Code, r.LabelDA, r.LabelEN})
					rows = append(rows, []string{string(ev), r.Code, r.LabelDA, r.LabelEN})
				}
			}
			return e.table(c, out, []string{"EVENT", "CODE", "DANSK", "ENGLISH"}, rows)
		},
	}
}
