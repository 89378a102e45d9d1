package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestCivilDatesMigrationKeepsData writes rows as the schema before
// 20261201100000_civil_dates held them (days as time.Time at 00:00 UTC,
// consent and expiry as TIMESTAMP instants), migrates, and reads the
// Danish days back on both engines.
func TestCivilDatesMigrationKeepsData(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.OpenEmpty(t, engine)
			if err := db.MigrateBefore(ctx, "20261201100000"); err != nil {
				t.Fatal(err)
			}
			utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
			created := utc(2026, 1, 5, 9, 0)
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := db.Bun().ExecContext(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			exec(`INSERT INTO gps (id, ydernummer, name, created_at) VALUES ('g1', '012345', 'Læge', ?)`, created)
			exec(`INSERT INTO pharmacies (id, name, municipality_code, created_at) VALUES ('p1', 'Apotek', 851, ?)`, created)
			exec(`INSERT INTO pharmacy_closed_dates (pharmacy_id, date, name) VALUES ('p1', ?, 'Statusdag')`, utc(2026, 12, 30, 0, 0))
			exec(`INSERT INTO gp_absences (id, gp_id, from_date, to_date) VALUES ('a1', 'g1', ?, ?)`, utc(2026, 7, 1, 0, 0), utc(2026, 7, 14, 0, 0))
			exec(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, created_at)
				VALUES ('ci1', '0103534005', 'Borger', ?, 'F', 851, ?)`, utc(1953, 3, 1, 0, 0), created)
			exec(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, opened_at, updated_at)
				VALUES ('c1', 'ci1', 851, 'active', 1, 'home_care', ?, ?)`, created, created)
			// A consent date as the forms stored it (00:00 UTC of the day) and
			// one stored as an instant: 23:30 UTC on 30 June is 1 July in Denmark.
			exec(`INSERT INTO consents (id, case_id, given_by, method, given_at, recorder_in_daily_care, recorded_by, recorded_at)
				VALUES ('k1', 'c1', 'citizen', 'written', ?, FALSE, 'n', ?)`, utc(2026, 11, 30, 0, 0), created)
			exec(`INSERT INTO consents (id, case_id, given_by, method, given_at, recorder_in_daily_care, recorded_by, recorded_at)
				VALUES ('k2', 'c1', 'citizen', 'oral', ?, FALSE, 'n', ?)`, utc(2026, 6, 30, 23, 30), created)
			// Expiry instants: 22:30 UTC in winter is 23:30 the same Danish day;
			// 23:30 UTC in winter is 00:30 the next Danish day.
			exec(`INSERT INTO gp_requests (id, case_id, gp_id, requested_at, requested_by, decided_at, decision, prescription_expires)
				VALUES ('r1', 'c1', 'g1', ?, 'n', ?, 'approved', ?)`, created, created, utc(2028, 2, 28, 22, 30))
			exec(`INSERT INTO gp_requests (id, case_id, gp_id, requested_at, requested_by, decided_at, decision, prescription_expires)
				VALUES ('r2', 'c1', 'g1', ?, 'n', ?, 'approved', ?)`, created, created.Add(-time.Hour), utc(2028, 2, 28, 23, 30))
			// The renewal reminder of r1 (the latest approval) as it was computed:
			// the expiry instant less 30 days; and one in summer time.
			exec(`INSERT INTO reminders (id, case_id, kind, due_at) VALUES ('rm1', 'c1', 'prescription_renewal', ?)`, utc(2028, 1, 29, 22, 30))
			exec(`INSERT INTO reminders (id, case_id, kind, due_at) VALUES ('rm2', 'c1', 'prescription_renewal', ?)`, utc(2027, 6, 30, 22, 30))
			exec(`INSERT INTO gp_requests (id, case_id, gp_id, requested_at, requested_by) VALUES ('r3', 'c1', 'g1', ?, 'n')`, created)
			start := utc(2026, 3, 2, 0, 0)
			exec(`INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline,
				packing_date, expected_delivery, length_days, status) VALUES ('c1', 'p1', 851, 1, ?, ?, ?, ?, ?, 14, 'planned')`,
				start, start.AddDate(0, 0, 13), start.AddDate(0, 0, -5), start.AddDate(0, 0, -4), start.AddDate(0, 0, -3))
			exec(`INSERT INTO medication_changes (id, case_id, effective_date, description, decision, recorded_by, recorded_at)
				VALUES ('m1', 'c1', ?, 'ny dosis', 'next_roll', 'n', ?)`, utc(2026, 3, 8, 0, 0), created)

			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			d := calendar.NewDate
			for _, c := range []struct {
				query string
				want  calendar.Date
			}{
				{"SELECT birth_date FROM citizens WHERE id = 'ci1'", d(1953, 3, 1)},
				{"SELECT date FROM pharmacy_closed_dates WHERE pharmacy_id = 'p1'", d(2026, 12, 30)},
				{"SELECT from_date FROM gp_absences WHERE id = 'a1'", d(2026, 7, 1)},
				{"SELECT to_date FROM gp_absences WHERE id = 'a1'", d(2026, 7, 14)},
				{"SELECT given_on FROM consents WHERE id = 'k1'", d(2026, 11, 30)},
				{"SELECT given_on FROM consents WHERE id = 'k2'", d(2026, 7, 1)},
				{"SELECT prescription_expires FROM gp_requests WHERE id = 'r1'", d(2028, 2, 28)},
				{"SELECT prescription_expires FROM gp_requests WHERE id = 'r2'", d(2028, 2, 29)},
				{"SELECT prescription_expires FROM gp_requests WHERE id = 'r3'", calendar.Date{}},
				{"SELECT start_date FROM roll_periods WHERE case_id = 'c1'", d(2026, 3, 2)},
				{"SELECT end_date FROM roll_periods WHERE case_id = 'c1'", d(2026, 3, 15)},
				{"SELECT deadline FROM roll_periods WHERE case_id = 'c1'", d(2026, 2, 25)},
				{"SELECT packing_date FROM roll_periods WHERE case_id = 'c1'", d(2026, 2, 26)},
				{"SELECT expected_delivery FROM roll_periods WHERE case_id = 'c1'", d(2026, 2, 27)},
				{"SELECT effective_date FROM medication_changes WHERE id = 'm1'", d(2026, 3, 8)},
			} {
				var got calendar.Date
				if err := db.Bun().QueryRowContext(ctx, c.query).Scan(&got); err != nil || got != c.want {
					t.Errorf("%s = %v, %v; want %v", c.query, got, err, c.want)
				}
			}
			for id, want := range map[string]time.Time{
				"rm1": calendar.NewDate(2028, 1, 29).Start(), // 23:00 UTC on 28-01
				"rm2": calendar.NewDate(2027, 7, 1).Start(),  // 22:00 UTC on 30-06
			} {
				var got time.Time
				if err := db.Bun().QueryRowContext(ctx, "SELECT due_at FROM reminders WHERE id = ?", id).Scan(&got); err != nil || !got.Equal(want) {
					t.Errorf("reminder %s due %v, %v; want %v", id, got, err, want)
				}
			}
			// The reminder run finds the moved renewal reminder: nothing new.
			made, err := db.Remind(ctx, utc(2028, 2, 1, 9, 0), workflow.DefaultSettings())
			if err != nil || len(made) != 0 {
				t.Errorf("Remind after the migration created %+v, %v; want nothing", made, err)
			}
			if engine == "sqlite" {
				checkSQLiteDates(t, db)
			}
		})
	}
}

// checkSQLiteDates checks that SQLite declares the day columns DATE and
// holds them as 'YYYY-MM-DD' text, so they compare with date arguments.
func checkSQLiteDates(t *testing.T, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	for _, c := range [][2]string{{"consents", "given_on"}, {"gp_requests", "prescription_expires"},
		{"citizens", "birth_date"}, {"roll_periods", "deadline"}} {
		var typ string
		if err := db.Bun().QueryRowContext(ctx, "SELECT type FROM pragma_table_info(?) WHERE name = ?", c[0], c[1]).Scan(&typ); err != nil || typ != "DATE" {
			t.Errorf("%s.%s is declared %q (%v), want DATE", c[0], c[1], typ, err)
		}
		var n int
		if err := db.Bun().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+c[0]+" WHERE "+c[1]+" IS NOT NULL AND length("+c[1]+") <> 10").Scan(&n); err != nil || n != 0 {
			t.Errorf("%s.%s: %d values are not yyyy-mm-dd (%v)", c[0], c[1], n, err)
		}
	}
}
