package commands

import (
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/medcom/outbox"
	"github.com/urfave/cli/v2"
)

func (e *env) medcomSendGPCommand() *cli.Command {
	return &cli.Command{
		Name:      "send-gp-request",
		Usage:     "write the case's request to the GP as a MedCom CareCommunication to the outbox",
		ArgsUsage: "CASE-ID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "outbox", Required: true, Usage: "folder to write the message to"},
			&cli.StringFlag{Name: "format", Value: "xml", Usage: "xml or json"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			f := medcom.Format(c.String("format"))
			if f != medcom.XML && f != medcom.JSON {
				return usagef("--format must be xml or json")
			}
			path := ""
			m, err := e.service(db).SendGPRequest(c.Context, e.actor(c), id, f, func(o medcom.Outgoing) error {
				var err error
				path, err = outbox.Write(c.String("outbox"), "carecommunication", o)
				return err
			})
			if err != nil {
				return err
			}
			return e.fields(c, m, "message", m.HeaderID, "case", m.CaseID, "file", path, "status", m.Status)
		}),
	}
}

func (e *env) medcomLogCommand() *cli.Command {
	return &cli.Command{
		Name:  "log",
		Usage: "list MedCom messages received and sent, newest first",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "direction", Usage: "in or out"},
			&cli.StringFlag{Name: "status", Usage: "applied, recorded, not_relevant, refused, cancelled, sent, acknowledged, ..."},
			&cli.IntFlag{Name: "limit", Value: 50, Usage: "the newest this many messages"},
			&cli.StringFlag{Name: "raw", Usage: "print the raw message with this id (and its acknowledgement)"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if id := c.String("raw"); id != "" {
				m, err := db.Message(c.Context, e.actor(c), id)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(e.stdout, "%s\n\n%s", printable(m.Raw), printable(m.AckRaw))
				return err
			}
			ms, err := db.MessageLog(c.Context, e.actor(c), data.MessageLogFilter{Direction: c.String("direction"),
				Status: c.String("status"), Limit: c.Int("limit")})
			if err != nil {
				return err
			}
			rows := make([][]string, len(ms))
			for i, m := range ms {
				rows[i] = []string{m.ID, stamp(m.ReceivedAt), m.Direction, m.Kind, m.Activity, m.Status, m.Effect, m.CaseID, m.AckCode, m.Problem}
			}
			return e.table(c, ms, []string{"ID", "AT", "DIR", "KIND", "ACTIVITY", "STATUS", "EFFECT", "CASE", "ACK", "PROBLEM"}, rows)
		}),
	}
}

func (e *env) medcomSenderCommand() *cli.Command {
	return &cli.Command{
		Name:  "sender",
		Usage: "set the MedCom identity (SOR code, EAN number, name) a municipality sends CareCommunications as",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "municipality", Required: true, Usage: "the municipality code the sender identity is for"},
			&cli.StringFlag{Name: "sor", Required: true, Usage: "the municipality's SOR code, 6–18 digits"},
			&cli.StringFlag{Name: "ean", Usage: "the municipality's EAN (GLN) location number, 13 digits"},
			&cli.StringFlag{Name: "name", Required: true, Usage: "the sender's name in the messages"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			o := medcom.Organization{SOR: c.String("sor"), EAN: c.String("ean"), Name: c.String("name")}
			if p := medcom.CheckSOR(o.SOR); p != nil {
				return usagef("--sor: %s", p.MsgEN)
			}
			if o.EAN != "" {
				if p := medcom.CheckEAN(o.EAN); p != nil {
					return usagef("--ean: %s", p.MsgEN)
				}
			}
			if err := db.SetMedComSender(c.Context, c.Int("municipality"), o); err != nil {
				return err
			}
			return e.fields(c, o, "municipality", fmt.Sprint(c.Int("municipality")), "sor", o.SOR, "ean", o.EAN, "name", o.Name)
		}),
	}
}

func (e *env) medcomTokenCommand() *cli.Command {
	return &cli.Command{
		Name:  "token",
		Usage: "integration tokens for the MedCom HTTP endpoint (one per system)",
		Subcommands: []*cli.Command{
			{
				Name: "create", Usage: "create an integration's token (printed once; stored hashed)",
				Flags: []cli.Flag{&cli.StringFlag{Name: "name", Required: true, Usage: "what the token is for (the integration's name)"},
					&cli.IntFlag{Name: "municipality", Required: true, Usage: "the municipality code the token is tied to"}},
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					tok, err := db.CreateMedComToken(c.Context, e.actor(c), c.String("name"), c.Int("municipality"), e.now())
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stderr, "Keep this token: it is shown only now. Send it as: Authorization: Bearer TOKEN")
					_, err = fmt.Fprintln(e.stdout, tok)
					return err
				}),
			},
			{
				Name: "list", Usage: "list integrations",
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					ts, err := db.MedComTokens(c.Context)
					if err != nil {
						return err
					}
					rows := make([][]string, len(ts))
					for i, t := range ts {
						used, revoked := "", ""
						if t.LastUsedAt != nil {
							used = stamp(*t.LastUsedAt)
						}
						if t.RevokedAt != nil {
							revoked = stamp(*t.RevokedAt)
						}
						rows[i] = []string{t.Name, fmt.Sprint(t.Municipality), stamp(t.CreatedAt), used, revoked}
					}
					return e.table(c, ts, []string{"NAME", "MUNICIPALITY", "CREATED", "LAST USED", "REVOKED"}, rows)
				}),
			},
			{
				Name: "revoke", Usage: "revoke an integration's token", ArgsUsage: "NAME",
				Action: e.withDB(func(c *cli.Context, db *data.DB) error {
					if c.Args().Len() != 1 {
						return usagef("token revoke needs the integration's NAME")
					}
					return db.RevokeMedComToken(c.Context, e.actor(c), c.Args().First(), e.now())
				}),
			},
		},
	}
}

// printable is raw message bytes safe for a terminal: control characters
// other than tab and line breaks (which a hostile file could use to fake
// output) and invalid UTF-8 are shown as U+FFFD.
func printable(b []byte) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(string(b), "\uFFFD"))
}
