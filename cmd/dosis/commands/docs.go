package commands

import (
	"fmt"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) docsCommand() *cli.Command {
	return &cli.Command{
		Name:  "states",
		Usage: "print the case state machine as a Mermaid diagram",
		Action: func(c *cli.Context) error {
			_, err := fmt.Fprint(e.stdout, workflow.Mermaid())
			return err
		},
	}
}
