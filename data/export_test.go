package data_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

var exportNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// seedCitizen stores a citizen with a case and a row in each log and
// returns the citizen's and the case's ids.
func seedCitizen(t *testing.T, db *data.DB, number, name, pharmacyID string) (string, string) {
	t.Helper()
	ctx := context.Background()
	admin := workflow.System("seed")
	c, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: number, Name: name, Municipality: 851}, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	caseID, rollID := workflow.NewID(), workflow.NewID()
	stmts := []struct {
		q    string
		args []any
	}{
		{"INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, opened_at, updated_at) VALUES (?, ?, 851, 'identified', 1, 'home_care', ?, ?)",
			[]any{caseID, c.ID, exportNow, exportNow}},
		{"INSERT INTO audit_events (case_id, seq, at, actor, actor_role, event, from_state, to_state) VALUES (?, 1, ?, 'seed', 'admin', 'open', '', 'identified')",
			[]any{caseID, exportNow}},
		{"INSERT INTO consents (id, case_id, given_by, method, given_on, recorder_in_daily_care, recorded_by, recorded_at) VALUES (?, ?, 'citizen', 'written', ?, FALSE, 'seed', ?)",
			[]any{workflow.NewID(), caseID, calendar.DayOf(exportNow), exportNow}},
		{"INSERT INTO urgent_rolls (id, case_id, pharmacy_id, municipality_code, reason, status, needed_by, promised_by, requested_at, requested_by) VALUES (?, ?, ?, 851, 'lost_roll', 'requested', ?, ?, ?, 'seed')",
			[]any{rollID, caseID, pharmacyID, exportNow, exportNow, exportNow}},
		{"INSERT INTO urgent_roll_events (urgent_roll_id, seq, at, actor, actor_role, from_status, to_status) VALUES (?, 1, ?, 'seed', 'admin', '', 'requested')",
			[]any{rollID, exportNow}},
	}
	for _, s := range stmts {
		if _, err := db.Bun().ExecContext(ctx, s.q, s.args...); err != nil {
			t.Fatalf("%s: %v", s.q, err)
		}
	}
	return c.ID, caseID
}

func TestExportCitizen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		ph := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, exportNow))(t)
		karen, karenCase := seedCitizen(t, db, "010145-1003", "Karen Jensen", ph.ID)
		_, otherCase := seedCitizen(t, db, "150350-1003", "Søren Østergaard", ph.ID)

		admin := workflow.System("auditor")
		got, err := db.ExportCitizen(ctx, admin, karen, exportNow)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range []string{"0101451003", "Karen Jensen", karenCase} {
			if !strings.Contains(text, want) {
				t.Errorf("export lacks %q", want)
			}
		}
		for _, other := range []string{"1503501003", "Østergaard", otherCase} {
			if strings.Contains(text, other) {
				t.Errorf("export holds another citizen's %q", other)
			}
		}
		for table, n := range map[string]int{"cases": 1, "consents": 1, "audit_events": 1, "urgent_rolls": 1,
			"urgent_roll_events": 1, "access_log": 1, "roll_periods": 0} {
			if len(got.Tables[table]) != n {
				t.Errorf("%s: %d rows, want %d", table, len(got.Tables[table]), n)
			}
		}
		var logged int
		if err := db.Bun().NewSelect().Table("access_log").ColumnExpr("COUNT(*)").
			Where("citizen_id = ? AND what = 'citizen.export' AND actor = ?", karen, admin.UserID).Scan(ctx, &logged); err != nil || logged != 1 {
			t.Errorf("the export was logged %d times (%v), want once", logged, err)
		}

		nurse := workflow.Actor{UserID: "n", Role: workflow.RoleNurse, Municipality: 851}
		if _, err := db.ExportCitizen(ctx, nurse, karen, exportNow); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse exported a citizen: %v", err)
		}
		if _, err := db.ExportCitizen(ctx, admin, "NOPE", exportNow); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("unknown citizen: %v", err)
		}
	})
}
