// Package commands holds the dosis command line: one file per command, each
// parsing its flags, calling the domain and printing the result.
package commands

import (
	"github.com/dosis-dk/dosis/workflow/cpr"

	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// env is what every command shares: its streams and its clock.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, &env{stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now})
}

func run(args []string, e *env) int {
	app := &cli.App{
		Name:      "dosis",
		Usage:     "run a municipality's dose-dispensed medicine programme (dosispakket medicin)",
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", EnvVars: []string{"DOSIS_DB"}, Value: data.DefaultDSN,
				Usage: "database: a SQLite file path, or a postgres:// URL"},
			&cli.StringFlag{Name: "actor", EnvVars: []string{"DOSIS_ACTOR"}, Value: defaultActor(),
				Usage: "who is acting, for the audit trail"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of tables"},
		},
		Commands:       e.commands(),
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
		Action:         unknownCommand,
	}
	guardUsage(app.Commands)
	for i, a := range args {
		// The one text rule of every edge (workflow.CheckText): no NUL or
		// control character in any argument; names and notes are checked
		// more strictly by the domain.
		if err := workflow.CheckText(i18n.Verbatim(fmt.Sprintf("argument %d", i+1)), a, workflow.TextValue); err != nil {
			return e.report(err)
		}
	}
	if err := app.Run(interspersed(args, app.Flags, app.Commands)); err != nil {
		return e.report(err)
	}
	return ExitOK
}

func (e *env) commands() []*cli.Command {
	return []*cli.Command{
		e.dbCommand(),
		e.citizenCommand(),
		e.gpCommand(),
		e.pharmacyCommand(),
		e.caseCommand(),
		e.rollsCommand(),
		e.receiptCommand(),
		e.changeCommand(),
		e.hospitalCommand(), e.medcomCommand(),
		e.docsCommand(),
		e.demoCommand(),
		e.benchCommand(),
		e.reportCommand(),
		e.urgentCommand(), e.worklistCommand(), e.remindCommand(),
		e.serveCommand(),
		e.userCommand(),
		e.importCommand(),
		e.backupCommand(),
		e.restoreCommand(),
		e.rollupsCommand(),
	}
}

// usageError marks bad usage or input: exit code 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// report prints err for a person and returns the exit code.
func (e *env) report(err error) int {
	var we *workflow.Error
	var ue usageError
	var schema *data.ErrSchemaOutOfDate
	switch {
	case errors.As(err, &we):
		fmt.Fprintf(e.stderr, "dosis: %s\n", cpr.Redact(we.Message(i18n.English)))
		for _, g := range we.Unmet {
			fmt.Fprintf(e.stderr, "  - unmet: %s (%s)\n", g.Message(i18n.English), g.Code)
		}
		switch we.Kind {
		case workflow.KindInvalid, workflow.KindInvalidTransition, workflow.KindNotFound:
			return ExitUsage
		}
		return ExitFailure
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "dosis: %v\n(see dosis --help)\n", ue.err)
		return ExitUsage
	case strings.HasPrefix(err.Error(), "Required flag"):
		fmt.Fprintf(e.stderr, "dosis: %v\n(see dosis --help)\n", err)
		return ExitUsage
	case errors.As(err, &schema):
		fmt.Fprintf(e.stderr, "dosis: %v\n", schema)
		return ExitFailure
	}
	fmt.Fprintf(e.stderr, "dosis: %v\n", err)
	return ExitFailure
}

// openDB opens the database and, when current is set, refuses an
// out-of-date schema.
func (e *env) openDB(c *cli.Context, current bool) (*data.DB, error) {
	open := data.Open
	if current {
		open = data.OpenExisting
	}
	db, err := open(c.Context, c.String("db"))
	if err != nil {
		return nil, err
	}
	if current {
		if err := db.RequireCurrent(c.Context); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	return db, nil
}

// withDB runs fn with an open, current database.
func (e *env) withDB(fn func(c *cli.Context, db *data.DB) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		db, err := e.openDB(c, true)
		if err != nil {
			return err
		}
		defer db.Close()
		return fn(c, db)
	}
}

// actor is the operator at the command line: an admin, for the audit trail.
func (e *env) actor(c *cli.Context) workflow.Actor {
	return workflow.System(c.String("actor"))
}

func defaultActor() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "operator"
}
