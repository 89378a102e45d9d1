package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// CitizenExport is everything Dosis stores about one citizen, for the
// citizen's right of access (GDPR art. 15): the citizen row and, per table,
// every row about them, each as column → value.
type CitizenExport struct {
	ExportedAt time.Time                   `json:"exported_at"`
	ExportedBy string                      `json:"exported_by"`
	Citizen    map[string]any              `json:"citizen"`
	Tables     map[string][]map[string]any `json:"tables"`
	// Order is the order the tables are listed in, for readers and tests.
	Order []string `json:"table_order"`
}

// exportTable is one table in an export: how its rows tie to the citizen
// (a condition on ? = the citizen id) and their order.
type exportTable struct {
	name, where, order string
}

const ofCases = "case_id IN (SELECT id FROM cases WHERE citizen_id = ?)"

// exportTables lists every table holding data about a citizen.
func exportTables() []exportTable {
	return []exportTable{
		{"cases", "citizen_id = ?", "opened_at, id"},
		{"assessments", ofCases, "assessed_at, id"},
		{"consents", ofCases, "recorded_at, id"},
		{"gp_requests", ofCases, "requested_at, id"},
		{"audit_events", ofCases, "case_id, seq"},
		{"reminders", ofCases, "due_at, id"},
		{"roll_periods", ofCases, "case_id, seq"},
		{"urgent_rolls", ofCases, "requested_at, id"},
		{"urgent_roll_events", "urgent_roll_id IN (SELECT id FROM urgent_rolls WHERE " + ofCases + ")", "urgent_roll_id, seq"},
		{"receipt_deviations", ofCases, "recorded_at, id"},
		{"medication_changes", ofCases, "effective_date, id"},
		{"hospital_notifications", ofCases, "at, id"},
		{"access_log", "citizen_id = ?", "at, id"},
	}
}

// ExportCitizen gathers everything stored about a citizen, for an admin
// only, in one transaction that also logs the export in the access log
// (the log entry itself is not in the export).
func (db *DB) ExportCitizen(ctx context.Context, a workflow.Actor, citizenID string, now time.Time) (CitizenExport, error) {
	out := CitizenExport{ExportedAt: now.UTC(), ExportedBy: a.UserID, Tables: map[string][]map[string]any{}}
	if a.Role != workflow.RoleAdmin {
		return out, workflow.Forbidden("err.export.admins_only")
	}
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		c, err := citizenByID(ctx, tx, a.Scope(), citizenID)
		if err != nil {
			return err
		}
		rows, err := exportRows(ctx, tx, "SELECT * FROM citizens WHERE id = ?", c.ID)
		if err != nil {
			return fmt.Errorf("export citizen: %w", err)
		}
		out.Citizen = rows[0]
		for _, t := range exportTables() {
			args := []any{}
			for range countPlaceholders(t.where) {
				args = append(args, c.ID)
			}
			q := "SELECT * FROM " + t.name + " WHERE " + t.where + " ORDER BY " + t.order
			rows, err := exportRows(ctx, tx, q, args...)
			if err != nil {
				return fmt.Errorf("export %s: %w", t.name, err)
			}
			out.Tables[t.name] = rows
			out.Order = append(out.Order, t.name)
		}
		return logAccess(ctx, tx, a, c.ID, "citizen.export", now)
	})
	return out, err
}

// exportRows runs q and returns its rows as column → value, with byte
// strings turned into text.
func exportRows(ctx context.Context, tx bun.Tx, q string, args ...any) ([]map[string]any, error) {
	rows := []map[string]any{}
	if err := tx.NewRaw(q, args...).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		for k, v := range r {
			if b, ok := v.([]byte); ok {
				r[k] = string(b)
			}
		}
	}
	return rows, nil
}

func countPlaceholders(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '?' {
			n++
		}
	}
	return n
}
