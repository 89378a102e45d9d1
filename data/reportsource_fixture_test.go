package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The hand-built report fixture: nine citizens in Aalborg (851) and
// København (101), their cases' audit trails, roll periods, urgent rolls,
// receipt deviations and GP requests around the first quarter of 2026. The
// expected numbers in reportsource_test.go are counted by hand from it.

// fixtureCPR and fixtureName are a citizen's CPR number and name; no report
// may contain them.
const (
	fixtureCPR  = "0101401234"
	fixtureName = "Karen Fixturesen"
)

type fxEvent struct {
	at, event, to, reason string
}

type fxCase struct {
	id, born     string
	municipality int
	help         bool
	outcome      string // the assessment outcome recorded at the assess event
	events       []fxEvent
}

func fxCases() []fxCase {
	return []fxCase{
		{"k1", "1940-05-01", 851, true, "eligible", []fxEvent{{"2025-11-01 09:00", "open", "identified", ""},
			{"2025-11-05 09:00", "assess", "awaiting_consent", ""}, {"2025-11-10 09:00", "consent", "consented", ""},
			{"2025-11-12 09:00", "request_gp", "awaiting_gp", ""}, {"2025-11-20 09:00", "gp_approve", "approved", ""},
			{"2025-12-01 09:00", "start", "active", ""}}},
		{"k2", "1960-01-01", 851, true, "eligible", []fxEvent{{"2026-01-05 09:00", "open", "identified", ""},
			{"2026-01-07 09:00", "assess", "awaiting_consent", ""}, {"2026-01-10 09:00", "consent", "consented", ""},
			{"2026-01-11 09:00", "request_gp", "awaiting_gp", ""}, {"2026-01-15 09:00", "gp_approve", "approved", ""},
			{"2026-01-20 09:00", "start", "active", ""}}},
		{"k3", "1945-03-03", 851, true, "eligible", []fxEvent{{"2026-01-10 09:00", "open", "identified", ""},
			{"2026-01-12 09:00", "assess", "awaiting_consent", ""}, {"2026-01-15 09:00", "consent", "consented", ""},
			{"2026-03-25 09:00", "request_gp", "awaiting_gp", ""}, {"2026-04-03 09:00", "gp_approve", "approved", ""}}},
		{"k4", "1950-06-06", 851, true, "not_eligible", []fxEvent{{"2026-02-01 09:00", "open", "identified", ""},
			{"2026-02-03 09:00", "assess", "assessed", ""}}},
		{"k5", "1948-08-08", 851, false, "eligible", []fxEvent{{"2026-02-01 09:00", "open", "identified", ""},
			{"2026-02-02 09:00", "assess", "awaiting_consent", ""}, {"2026-02-05 09:00", "decline", "declined", "citizen_declined"}}},
		{"k6", "1930-09-09", 851, true, "eligible", []fxEvent{{"2025-06-01 09:00", "open", "identified", ""},
			{"2025-06-02 09:00", "assess", "awaiting_consent", ""}, {"2025-06-03 09:00", "consent", "consented", ""},
			{"2025-06-04 09:00", "request_gp", "awaiting_gp", ""}, {"2025-06-05 09:00", "gp_approve", "approved", ""},
			{"2025-06-06 09:00", "start", "active", ""}, {"2026-03-10 09:00", "pause", "paused", "hospital_admission"}}},
		{"k7", "1941-10-10", 851, true, "eligible", []fxEvent{{"2026-01-02 09:00", "open", "identified", ""},
			{"2026-01-03 09:00", "assess", "awaiting_consent", ""}, {"2026-01-04 09:00", "consent", "consented", ""},
			{"2026-01-05 09:00", "request_gp", "awaiting_gp", ""}, {"2026-01-09 09:00", "gp_reject", "rejected", "unstable_treatment"}}},
		{"k8", "1939-11-11", 851, true, "eligible", []fxEvent{{"2025-09-01 09:00", "open", "identified", ""},
			{"2025-09-02 09:00", "assess", "awaiting_consent", ""}, {"2025-09-03 09:00", "consent", "consented", ""},
			{"2025-09-04 09:00", "request_gp", "awaiting_gp", ""}, {"2025-09-05 09:00", "gp_approve", "approved", ""},
			{"2025-10-01 09:00", "start", "active", ""}, {"2026-03-20 09:00", "end", "ended", "death"}}},
		{"k9", "1944-12-12", 101, true, "eligible", []fxEvent{{"2026-01-03 09:00", "open", "identified", ""},
			{"2026-01-04 09:00", "assess", "awaiting_consent", ""}, {"2026-01-06 09:00", "consent", "consented", ""},
			{"2026-01-07 09:00", "request_gp", "awaiting_gp", ""}, {"2026-01-09 09:00", "gp_approve", "approved", ""},
			{"2026-01-12 09:00", "start", "active", ""}}},
	}
}

// day parses a fixture date "yyyy-mm-dd" for a DATE column.
func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ts(s string) time.Time {
	layout := "2006-01-02 15:04"
	if len(s) == 10 {
		layout = time.DateOnly
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// loadReportFixture inserts the fixture.
func loadReportFixture(t *testing.T, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Bun().ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("fixture %s: %v", q, err)
		}
	}
	created := ts("2025-01-01 00:00")
	exec("INSERT INTO gps (id, ydernummer, name, created_at) VALUES ('g1', '012345', 'Lægehuset Nord', ?)", created)
	exec("INSERT INTO pharmacies (id, name, municipality_code, lead_time_hours, created_at) VALUES ('p1', 'Aalborg Apotek', 851, 24, ?)", created)
	exec("INSERT INTO pharmacies (id, name, municipality_code, lead_time_hours, created_at) VALUES ('p2', 'Nørrebro Apotek', 101, 48, ?)", created)
	for i, c := range fxCases() {
		cpr, name := fmt.Sprintf("01014%05d", i), fmt.Sprintf("Borger %d", i)
		if i == 0 {
			cpr, name = fixtureCPR, fixtureName
		}
		exec(`INSERT INTO citizens (id, cpr, name, birth_date, sex, municipality_code, gp_id, medicine_help, created_at)
			VALUES (?, ?, ?, ?, 'F', ?, 'g1', ?, ?)`, "ci-"+c.id, cpr, name, day(c.born), c.municipality, c.help, created)
		last := c.events[len(c.events)-1]
		state, reason, closed := last.to, last.reason, any(nil)
		if state == "declined" || state == "rejected" || state == "ended" {
			closed = ts(last.at)
		}
		pharmacy := map[int]string{851: "p1", 101: "p2"}[c.municipality]
		exec(`INSERT INTO cases (id, citizen_id, municipality_code, state, version, source, gp_id, pharmacy_id, state_reason, opened_at, updated_at, closed_at)
			VALUES (?, ?, ?, ?, 1, 'home_care', 'g1', ?, ?, ?, ?, ?)`,
			c.id, "ci-"+c.id, c.municipality, state, pharmacy, reason, ts(c.events[0].at), ts(last.at), closed)
		from := ""
		for seq, e := range c.events {
			exec(`INSERT INTO audit_events (case_id, seq, at, actor, actor_role, event, from_state, to_state, reason)
				VALUES (?, ?, ?, 'fixture', 'nurse', ?, ?, ?, ?)`, c.id, seq+1, ts(e.at), e.event, from, e.to, e.reason)
			from = e.to
			if e.event == "assess" {
				exec(`INSERT INTO assessments (id, case_id, ruleset_id, ruleset_version, outcome, facts, results, assessed_by, assessed_at)
					VALUES (?, ?, 'default', '1', ?, '{}', '[]', 'fixture', ?)`, "as-"+c.id, c.id, c.outcome, ts(e.at))
			}
		}
	}
	// A later assessment after the period end must not count.
	exec(`INSERT INTO assessments (id, case_id, ruleset_id, ruleset_version, outcome, facts, results, assessed_by, assessed_at)
		VALUES ('as-k4-late', 'k4', 'default', '1', 'eligible', '{}', '[]', 'fixture', ?)`, ts("2026-04-02 09:00"))
	gp := func(id, caseID, requested, decided, decision string) {
		var d any
		if decided != "" {
			d = ts(decided)
		}
		exec(`INSERT INTO gp_requests (id, case_id, gp_id, requested_at, requested_by, decided_at, decision)
			VALUES (?, ?, 'g1', ?, 'fixture', ?, ?)`, id, caseID, ts(requested), d, decision)
	}
	gp("r1", "k1", "2025-11-12 09:00", "2025-11-20 09:00", "approved")
	gp("r2", "k2", "2026-01-11 09:00", "2026-01-15 09:00", "approved")
	gp("r3", "k3", "2026-03-25 09:00", "2026-04-03 09:00", "approved")
	gp("r7", "k7", "2026-01-05 09:00", "2026-01-09 09:00", "rejected")
	gp("r9", "k9", "2026-01-07 09:00", "2026-01-09 09:00", "approved")
	// A renewal of k1's prescription (approved by r1): its own figure.
	gp("r1b", "k1", "2026-02-10 09:00", "2026-02-13 09:00", "approved")

	roll := func(caseID, pharmacy string, municipality, seq int, start string, days int, status string) {
		s := day(start)
		exec(`INSERT INTO roll_periods (case_id, pharmacy_id, municipality_code, seq, start_date, end_date, deadline, packing_date,
			expected_delivery, length_days, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			caseID, pharmacy, municipality, seq, s, s.AddDays(days-1), s.AddDays(-5), s.AddDays(-3),
			s.AddDays(-1), days, status)
	}
	roll("k1", "p1", 851, 1, "2025-12-22", 14, "received") // before the period
	roll("k1", "p1", 851, 2, "2026-01-05", 14, "received")
	roll("k1", "p1", 851, 3, "2026-01-19", 14, "dispensed")
	roll("k1", "p1", 851, 4, "2026-02-02", 28, "received")
	roll("k1", "p1", 851, 5, "2026-03-30", 14, "planned") // not dispensed yet
	roll("k2", "p1", 851, 1, "2026-01-20", 14, "dispensed")
	roll("k2", "p1", 851, 2, "2026-02-03", 14, "received")
	roll("k2", "p1", 851, 3, "2026-03-03", 14, "not_dispensed")
	roll("k6", "p1", 851, 1, "2026-01-10", 14, "received")
	roll("k9", "p2", 101, 1, "2026-01-12", 14, "received")

	urgent := func(id, caseID, pharmacy string, municipality int, requested, promised, delivered string) {
		var d any
		if delivered != "" {
			d = ts(delivered)
		}
		exec(`INSERT INTO urgent_rolls (id, case_id, pharmacy_id, municipality_code, reason, status, needed_by, promised_by,
			requested_at, requested_by, delivered_at) VALUES (?, ?, ?, ?, 'medication_change', 'delivered', ?, ?, ?, 'fixture', ?)`,
			id, caseID, pharmacy, municipality, ts(promised), ts(promised), ts(requested), d)
	}
	urgent("u0", "k1", "p1", 851, "2025-12-15 08:00", "2025-12-16 08:00", "2025-12-16 07:00") // before the period
	urgent("u1", "k1", "p1", 851, "2026-01-10 08:00", "2026-01-11 08:00", "2026-01-11 06:00") // 22 h, on time
	urgent("u2", "k2", "p1", 851, "2026-02-01 10:00", "2026-02-02 10:00", "2026-02-03 10:00") // 48 h, late
	urgent("u3", "k6", "p1", 851, "2026-03-01 12:00", "2026-03-02 12:00", "")                 // not delivered
	urgent("u9", "k9", "p2", 101, "2026-01-13 09:00", "2026-01-15 09:00", "2026-01-14 15:00") // 30 h, on time

	deviation := func(caseID, pharmacy, kind, at string) {
		exec(`INSERT INTO receipt_deviations (case_id, pharmacy_id, kind, recorded_by, recorded_at) VALUES (?, ?, ?, 'fixture', ?)`,
			caseID, pharmacy, kind, ts(at))
	}
	consent := func(caseID, at string, dailyCare bool) {
		exec(`INSERT INTO consents (id, case_id, given_by, method, given_on, recorder_in_daily_care, recorded_by, recorded_at)
			VALUES (?, ?, 'citizen', 'oral', ?, ?, 'fixture', ?)`, "co-"+caseID, caseID, calendar.DayOf(ts(at)), dailyCare, ts(at))
	}
	consent("k1", "2025-11-10 09:00", true) // before the period
	consent("k2", "2026-01-10 09:00", true)
	consent("k3", "2026-01-15 09:00", false)
	consent("k9", "2026-01-06 09:00", false)
	// A second assessment of k2 under a newer rule set.
	exec(`INSERT INTO assessments (id, case_id, ruleset_id, ruleset_version, outcome, facts, results, assessed_by, assessed_at)
		VALUES ('as-k2-v2', 'k2', 'default', '2', 'eligible', '{}', '[]', 'fixture', ?)`, ts("2026-02-01 09:00"))

	deviation("k1", "p1", "wrong_drug", "2025-12-23 10:00") // before the period
	deviation("k1", "p1", "wrong_drug", "2026-01-06 10:00")
	deviation("k2", "p1", "missing_pouch", "2026-02-04 10:00")
	// Written directly, as an import or the demo loader writes: the
	// rollups are then recomputed from the rows, as those do.
	if _, err := db.RebuildRollups(context.Background()); err != nil {
		t.Fatal(err)
	}
}
