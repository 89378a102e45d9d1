package commands

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) userCommand() *cli.Command {
	return &cli.Command{
		Name:  "user",
		Usage: "manage the web application's users",
		Subcommands: []*cli.Command{
			{
				Name:  "add",
				Usage: "add a user; the password is read from stdin (--password-stdin) or generated and printed once",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "username", Required: true, Usage: "the sign-in name: no spaces, at most 64 characters"},
					&cli.StringFlag{Name: "name", Required: true, Usage: "the person's full name, as shown in the audit trail"},
					&cli.StringFlag{Name: "role", Required: true, Usage: "nurse, pharmacy, lead, steering or admin"},
					&cli.IntFlag{Name: "municipality", Usage: "municipality code (nurse, lead)"},
					&cli.StringFlag{Name: "pharmacy", Usage: "pharmacy id (pharmacy staff)"},
					&cli.BoolFlag{Name: "password-stdin", Usage: "read the password from the first line of stdin"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					role, err := workflow.ParseRole(c.String("role"))
					if err != nil {
						return err
					}
					pw, generated, err := e.password(c)
					if err != nil {
						return err
					}
					u, err := db.AddUserAs(c.Context, e.actor(c), data.NewUser{Username: c.String("username"), Name: c.String("name"),
						Role: role, Municipality: c.Int("municipality"), PharmacyID: c.String("pharmacy"), Password: pw}, e.now())
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "added user %s (%s)\n", u.Username, u.Role)
					if generated {
						fmt.Fprintf(e.stdout, "password (shown once): %s\n", pw)
					}
					return nil
				}),
			},
			{
				Name:      "passwd",
				Usage:     "set a user's password (from stdin with --password-stdin, or generated and printed once)",
				ArgsUsage: "USERNAME",
				Flags:     []cli.Flag{&cli.BoolFlag{Name: "password-stdin", Usage: "read the new password from the first line of stdin (at least 10 characters) instead of generating one"}},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					if c.Args().Len() != 1 {
						return usagef("give one username")
					}
					pw, generated, err := e.password(c)
					if err != nil {
						return err
					}
					u, err := db.UserByUsername(c.Context, c.Args().First())
					if err != nil {
						return err
					}
					if err := db.ResetPassword(c.Context, e.actor(c), u.ID, pw, e.now()); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "password of %s changed\n", c.Args().First())
					if generated {
						fmt.Fprintf(e.stdout, "password (shown once): %s\n", pw)
					}
					return nil
				}),
			},
			{
				Name:      "role",
				Usage:     "change a user's role and municipality or pharmacy, with the web's checks (never the last admin); in force from the user's next request",
				ArgsUsage: "USERNAME",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "role", Required: true, Usage: "nurse, pharmacy, lead, steering or admin"},
					&cli.IntFlag{Name: "municipality", Usage: "municipality code (nurse, lead)"},
					&cli.StringFlag{Name: "pharmacy", Usage: "pharmacy id (pharmacy staff)"},
				},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					if c.Args().Len() != 1 {
						return usagef("give one username")
					}
					role, err := workflow.ParseRole(c.String("role"))
					if err != nil {
						return err
					}
					u, err := db.UserByUsername(c.Context, c.Args().First())
					if err != nil {
						return err
					}
					u, err = db.UpdateUser(c.Context, e.actor(c), u.ID,
						data.UserEdit{Role: role, Municipality: c.Int("municipality"), PharmacyID: c.String("pharmacy")}, e.now())
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "%s is now %s\n", u.Username, u.Role)
					return nil
				}),
			},
			e.userStateCommand("disable", "disable a user: no more sign-ins, open sessions end at their next request",
				"disabled", (*data.DB).DisableUser),
			e.userStateCommand("enable", "re-enable a disabled user (the password is unchanged)",
				"enabled", (*data.DB).EnableUser),
			{
				Name:  "list",
				Usage: "list users",
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					us, err := db.Users(c.Context)
					if err != nil {
						return err
					}
					rows := make([][]string, len(us))
					for i, u := range us {
						state := "active"
						if u.Disabled {
							state = "disabled"
						}
						tie := u.PharmacyID
						if u.Municipality != 0 {
							tie = fmt.Sprint(u.Municipality)
						}
						rows[i] = []string{u.Username, u.Name, string(u.Role), tie, state}
					}
					return e.table(c, us, []string{"USERNAME", "NAME", "ROLE", "MUNICIPALITY/PHARMACY", "STATE"}, rows)
				}),
			},
		},
	}
}

// userStateCommand is `dosis user disable|enable USERNAME`: change (the
// data layer's, with its rules and change log) run on the named user.
func (e *env) userStateCommand(name, usage, done string,
	change func(*data.DB, context.Context, workflow.Actor, string, time.Time) error) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: "USERNAME",
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("give one username")
			}
			u, err := db.UserByUsername(c.Context, c.Args().First())
			if err != nil {
				return err
			}
			if err := change(db, c.Context, e.actor(c), u.ID, e.now()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s %s\n", done, u.Username)
			return nil
		}),
	}
}

// password reads the password from stdin's first line with
// --password-stdin, or generates one.
func (e *env) password(c *cli.Context) (pw string, generated bool, err error) {
	if !c.Bool("password-stdin") {
		return web.GeneratePassword(), true, nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", false, usagef("--password-stdin: no password on stdin")
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}
