package commands

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// onUsageError turns a flag the command does not know, a flag without its
// value or a value of the wrong type into a usage error: exit code 2 and
// one line on stderr, for every command, not only the top level (urfave/cli
// otherwise prints "Incorrect Usage" and the help on stdout and exits 1).
func onUsageError(_ *cli.Context, err error, _ bool) error { return usageError{err} }

// guardUsage gives every command the usage-error handler and every command
// group (db, case, user, import, …) an action that refuses an unknown
// subcommand by name, listing the ones there are, instead of urfave/cli's
// "No help topic for 'x'" with exit 1. A group without arguments still
// prints its help.
func guardUsage(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = onUsageError
		if len(c.Subcommands) > 0 && c.Action == nil {
			c.Action = unknownCommand
		}
		guardUsage(c.Subcommands)
	}
}

// unknownCommand is the action of the program and of a command group: the
// first argument named no command of it.
func unknownCommand(c *cli.Context) error {
	top := c.Command == nil || c.Command.Name == "" || c.Command.Name == c.App.Name
	if !c.Args().Present() {
		if top {
			return cli.ShowAppHelp(c)
		}
		return cli.ShowSubcommandHelp(c)
	}
	cmds, path := c.App.VisibleCommands(), "dosis"
	if !top {
		cmds, path = c.Command.VisibleCommands(), "dosis "+strings.TrimPrefix(c.Command.FullName(), c.App.Name+" ")
	}
	var names []string
	for _, cmd := range cmds {
		if cmd.Name != "help" {
			names = append(names, cmd.Name)
		}
	}
	return usagef("%q is not a command of %s; the commands are: %s", c.Args().First(), path, strings.Join(names, ", "))
}
