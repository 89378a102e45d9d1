package commands

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/urfave/cli/v2"
)

// hospitalColumns names the columns of a hospital notification file.
func hospitalColumns() []string {
	return []string{"message_id", "case", "kind", "timestamp", "hospital"}
}

func (e *env) hospitalImportCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import hospital notifications from a ;-separated file (all rows or none)",
		ArgsUsage: "FILE",
		Description: "Columns: message_id;case id or CPR;kind (admission, leave, discharge);timestamp dd-mm-yyyy hh:mm;hospital.\n" +
			"An optional first line names the columns. Every row is checked first; if any is bad, the errors name\n" +
			"line, column and value and nothing is imported. A message id already imported is skipped.",
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			if c.Args().Len() != 1 {
				return usagef("hospital import needs exactly one FILE argument")
			}
			f, err := os.Open(c.Args().First())
			if err != nil {
				return usagef("%v", err)
			}
			defer f.Close()
			rows, err := parseHospitalFile(f)
			if err != nil {
				return err
			}
			ns, err := e.resolveHospitalCases(c, db, rows)
			if err != nil {
				return err
			}
			outs, err := e.service(db).ImportHospitalNotifications(c.Context, e.actor(c), ns)
			if err != nil {
				return err
			}
			return e.printHospital(c, outs)
		}),
	}
}

// hospitalRow is one parsed line; CPR is set when the case column held a
// CPR number instead of a case id.
type hospitalRow struct {
	workflow.HospitalNotice
	CPR string
}

// Bounds on a hospital notification file: it is read whole before any row
// is imported, so its size and row count are limited.
const (
	maxHospitalFileBytes = 10 << 20
	maxHospitalRows      = 100_000
)

// parseHospitalFile reads and checks every row; the error lists every bad
// cell with its line, column and value. A MedCom message (XML or JSON) is
// refused with a pointer to dosis medcom receive.
func parseHospitalFile(r io.Reader) ([]hospitalRow, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxHospitalFileBytes+1))
	if err != nil {
		return nil, usagef("%v", err)
	}
	if len(b) > maxHospitalFileBytes {
		return nil, usagef("nothing imported: the file is larger than %d MiB", maxHospitalFileBytes>>20)
	}
	if _, ok := medcom.Sniff(b); ok {
		return nil, usagef("nothing imported: the file is a MedCom FHIR message (XML or JSON), not a ;-separated file; " +
			"receive it with: dosis medcom receive FILE")
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = ';', -1, true
	var rows []hospitalRow
	var problems []string
	// A bad cell is quoted with any CPR-like number in it hidden (as
	// imports.Problem shows a value outside a CPR column), the reason too:
	// it may quote the value. The case column, which may hold a CPR number,
	// is quoted only when empty, or masked (resolveHospitalCases).
	bad := func(line, col int, value, why string) {
		problems = append(problems, cpr.Redact(fmt.Sprintf("line %d, column %d (%s) %q: %s", line, col+1, hospitalColumns()[col], value, why)))
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// No record, so no FieldPos: the parse error names its line.
			return nil, usagef("nothing imported: %v", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rows)+len(problems) >= maxHospitalRows {
			return nil, usagef("nothing imported: the file has more than %d rows", maxHospitalRows)
		}
		if len(rows) == 0 && len(problems) == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "message_id") {
			continue
		}
		if len(rec) != len(hospitalColumns()) {
			problems = append(problems, fmt.Sprintf("line %d: %d columns, want %d (%s)", line, len(rec),
				len(hospitalColumns()), strings.Join(hospitalColumns(), ";")))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		row := hospitalRow{HospitalNotice: workflow.HospitalNotice{MessageID: rec[0], Kind: rec[2], Hospital: rec[4], Line: line}}
		if rec[0] == "" {
			bad(line, 0, rec[0], "the message id is required")
		}
		switch {
		case rec[1] == "":
			bad(line, 1, rec[1], "a case id or CPR number is required")
		case strings.Trim(rec[1], "0123456789-") == "":
			row.CPR = rec[1]
		default:
			row.CaseID = rec[1]
		}
		if !slices.Contains(workflow.HospitalKinds(), rec[2]) {
			bad(line, 2, rec[2], "use admission, leave or discharge")
		}
		at, err := calendar.ParseTime(rec[3], false)
		if err != nil {
			bad(line, 3, rec[3], err.Error())
		}
		row.At = at
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		return nil, usagef("nothing imported; fix these rows:\n  %s", strings.Join(problems, "\n  "))
	}
	if len(rows) == 0 {
		return nil, usagef("the file has no rows")
	}
	return rows, nil
}

// resolveHospitalCases turns CPR numbers into the citizens' open cases
// (each lookup is logged, as every CPR lookup is).
func (e *env) resolveHospitalCases(c *cli.Context, db *data.DB, rows []hospitalRow) ([]workflow.HospitalNotice, error) {
	ns := make([]workflow.HospitalNotice, len(rows))
	var problems []string
	for i, r := range rows {
		ns[i] = r.HospitalNotice
		if r.CPR == "" {
			continue
		}
		id, err := db.OpenCaseByCPR(c.Context, e.actor(c), r.CPR, e.now())
		if err != nil {
			msg := err.Error()
			var we *workflow.Error
			if errors.As(err, &we) {
				msg = we.Message(i18n.English)
			}
			problems = append(problems, fmt.Sprintf("line %d, column 2 (case) %q: %s", r.Line, maskCPR(r.CPR), msg))
			continue
		}
		ns[i].CaseID = id
	}
	if len(problems) > 0 {
		return nil, usagef("nothing imported; fix these rows:\n  %s", strings.Join(problems, "\n  "))
	}
	return ns, nil
}
