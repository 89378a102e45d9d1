package commands

import (
	"fmt"
	"os"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/medcom/outbox"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

func (e *env) medcomCommand() *cli.Command {
	return &cli.Command{
		Name:  "medcom",
		Usage: "MedCom messages: receive HospitalNotifications and CareCommunications, send to GPs, integration tokens",
		Subcommands: []*cli.Command{
			e.medcomReceiveCommand(), e.medcomSendGPCommand(), e.medcomLogCommand(),
			e.medcomSenderCommand(), e.medcomTokenCommand(),
		},
	}
}

// receiveRow is one line of the receive report.
type receiveRow struct {
	File      string `json:"file"`
	HeaderID  string `json:"message_id"`
	Kind      string `json:"kind"`
	Activity  string `json:"activity"`
	Status    string `json:"status"`
	Effect    string `json:"effect"`
	Case      string `json:"case"`
	Duplicate bool   `json:"duplicate"`
	Ack       string `json:"ack"`
	AckFile   string `json:"ack_file,omitempty"`
	Problem   string `json:"problem,omitempty"`
}

func (e *env) medcomReceiveCommand() *cli.Command {
	return &cli.Command{
		Name:      "receive",
		Usage:     "receive MedCom messages (FHIR XML or JSON, one per file; a folder in Bundle.timestamp order)",
		ArgsUsage: "FILE|DIR...",
		Description: "Each message is received in its own transaction and acknowledged: with --outbox the acknowledgement\n" +
			"is written there as ack-ID.xml or .json (as received). A refused message gets a fatal-error acknowledgement\n" +
			"naming the problem and changes nothing; the exit code is then 2. See docs/medcom.md.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "outbox", Usage: "folder to write the acknowledgements to"},
			&cli.IntFlag{Name: "municipality", Usage: "receive as this municipality's integration (default: all, as admin)"},
		},
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() == 0 {
				return usagef("medcom receive needs at least one FILE or DIR")
			}
			if dir := c.String("outbox"); dir != "" {
				if st, err := os.Stat(dir); err != nil || !st.IsDir() {
					return usagef("--outbox %s is not a folder", dir)
				}
			}
			files, err := outbox.Expand(c.Args().Slice())
			if err != nil {
				return usagef("%v", err)
			}
			a := e.actor(c)
			if m := c.Int("municipality"); m != 0 {
				a = workflow.Actor{UserID: a.UserID, Name: a.Name, Role: workflow.RoleNurse, Municipality: m}
			}
			sv := e.service(db)
			var rows []receiveRow
			refused := 0
			for _, f := range files {
				file, err := outbox.Read(f.Path)
				if err != nil {
					return err
				}
				rc, err := sv.ReceiveMessage(c.Context, a, file.Body, "cli")
				row := receiveRow{File: f.Path, HeaderID: rc.Message.HeaderID, Kind: rc.Message.Kind, Activity: rc.Message.Activity,
					Status: rc.Message.Status, Effect: rc.Message.Effect, Case: rc.Message.CaseID, Duplicate: rc.Duplicate}
				if rc.Ack.Body != nil {
					row.Ack = rc.AckCode
					if dir := c.String("outbox"); dir != "" {
						if row.AckFile, err = outbox.Write(dir, "ack", rc.Ack); err != nil {
							return err
						}
					}
				}
				if rc.Problem != nil {
					row.Problem = rc.Problem.MsgDA
				}
				rows = append(rows, row)
				if err != nil {
					_ = e.printReceive(c, rows)
					return fmt.Errorf("%s: %w", f.Path, err)
				}
				if rc.Message.Status == workflow.MessageRefused && !rc.Duplicate {
					refused++
				}
			}
			if err := e.printReceive(c, rows); err != nil {
				return err
			}
			if refused > 0 {
				return usagef("%d of %d messages refused (fatal-error acknowledgement written)", refused, len(rows))
			}
			return nil
		}),
	}
}

func (e *env) printReceive(c *cli.Context, rows []receiveRow) error {
	out := make([][]string, len(rows))
	for i, r := range rows {
		status := r.Status
		if r.Duplicate {
			status = "duplicate (already received; nothing changed)"
		}
		out[i] = []string{r.File, r.HeaderID, r.Activity, status, r.Effect, r.Case, r.Ack, r.Problem}
	}
	return e.table(c, rows, []string{"FILE", "MESSAGE", "ACTIVITY", "STATUS", "EFFECT", "CASE", "ACK", "PROBLEM"}, out)
}
