package commands

import (
	"context"
	"fmt"
	"log/slog"
	"os/signal"
	"syscall"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/demo"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "run the web application",
		Description: "Refuses an out-of-date schema (run `dosis db migrate`), except with --demo, which\n" +
			"migrates, loads demo data on a fresh database and prints a login for each role; it refuses\n" +
			"a database that holds real users (one not made by --demo), so no real password is reset.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", EnvVars: []string{"DOSIS_ADDR"}, Usage: "address to listen on"},
			&cli.BoolFlag{Name: "demo", Usage: "migrate, load demo data and print demo logins"},
			&cli.BoolFlag{Name: "secure-cookies", EnvVars: []string{"DOSIS_SECURE_COOKIES"},
				Usage: "mark cookies Secure (set when users reach the server over HTTPS)"},
			&cli.StringFlag{Name: "medcom-outbox", EnvVars: []string{"DOSIS_MEDCOM_OUTBOX"},
				Usage: "folder for MedCom messages to send (acknowledgements of uploads, requests to GPs)"},
			&cli.IntFlag{Name: "report-cache", Value: data.DefaultReportMemo, EnvVars: []string{"DOSIS_REPORT_CACHE"},
				Usage: "built reports kept in memory, each served only while no change to its municipalities has committed (0: none)"},
			&cli.DurationFlag{Name: "checkpoint-every", Value: data.DefaultCheckpointEvery, EnvVars: []string{"DOSIS_CHECKPOINT_EVERY"},
				Usage: "SQLite: copy the write-ahead log into the database file in the background this often, so no request waits for it (0: only SQLite's automatic checkpoint inside a commit)"},
			&cli.IntFlag{Name: "max-password-checks", Value: 4, EnvVars: []string{"DOSIS_MAX_PASSWORD_CHECKS"},
				Usage: "password checks computed at once (19 MiB each); further sign-ins wait up to 5 s, then get 503"},
		},
		Action: func(c *cli.Context) error {
			db, err := e.openDB(c, !c.Bool("demo"))
			if err != nil {
				return err
			}
			defer db.Close()
			db.SetReportMemo(c.Int("report-cache"))
			if c.Bool("demo") {
				if err := e.prepareDemo(c.Context, db); err != nil {
					return err
				}
			}
			logger := slog.New(slog.NewTextHandler(e.stderr, nil))
			db.CheckpointInBackground(c.Duration("checkpoint-every"), func(err error) { logger.Warn("background checkpoint failed", "err", err) })
			app, err := web.New(web.Config{DB: db, Addr: c.String("addr"), Now: e.now, Logger: logger,
				Secure: c.Bool("secure-cookies"), MedComOutbox: c.String("medcom-outbox"),
				MaxPasswordChecks: c.Int("max-password-checks")})
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(c.Context, syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			fmt.Fprintf(e.stdout, "Dosis listening on http://%s\n", app.Addr())
			return app.Run(ctx)
		},
	}
}

// prepareDemo migrates, refuses a database with real users (data.ClaimDemo),
// loads the medium demo data set on a database without cases, and prints
// one login per role with a freshly generated password.
func (e *env) prepareDemo(ctx context.Context, db *data.DB) error {
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	now := e.now()
	if err := db.ClaimDemo(ctx, "serve --demo", now); err != nil {
		return err
	}
	existing, err := db.ListCases(ctx, workflow.System("demo"), data.CaseFilter{Limit: 1})
	if err != nil {
		return err
	}
	if len(existing) == 0 {
		fmt.Fprintln(e.stdout, "demo: generating the medium synthetic data set …")
		st, err := demo.Generate(ctx, db, demo.Options{Scale: demo.ScaleMedium, Seed: 1, Now: now})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "demo: %d citizens, %d cases in %d municipalities (%s)\n",
			st.Citizens, st.Cases, st.Municipalities, st.Duration.Round(time.Second))
	}
	logins, err := web.DemoUsers(ctx, db, now)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "demo logins (passwords are new on every start):")
	for _, l := range logins {
		fmt.Fprintf(e.stdout, "  %-10s %-14s %s\n", l.Role, l.Username, l.Password)
	}
	return nil
}
