package demo

import (
	"context"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// TestGeneratedDataHoldTogether generates the small data set on each
// engine and checks it against the workflow's own rules.
func TestGeneratedDataHoldTogether(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		st := generate(t, db, 1)
		if st.Municipalities != 98 || st.Citizens < 2500 || st.Citizens > 4000 {
			t.Errorf("small scale: %d municipalities, %d citizens; want 98 and about 3,000", st.Municipalities, st.Citizens)
		}
		t.Run("every state", func(t *testing.T) { checkStates(t, db) })
		t.Run("audit trails", func(t *testing.T) { checkAudit(t, db) })
		t.Run("periods", func(t *testing.T) { checkPeriods(t, db) })
		t.Run("adoption", func(t *testing.T) { checkAdoption(t, db) })
		t.Run("report shares of the 75+", func(t *testing.T) { checkReportShares(t, db) })
	})
}

// checkReportShares: with the population denominators scaled with the
// sample (issue 12 item 10), the report's DD share of the 75+ reads like
// the published spread (under 1 % to 17 %), not under 1 % everywhere, and
// the report says they are scaled.
func checkReportShares(t *testing.T, db *data.DB) {
	src, err := db.Reports(workflow.System("test"))
	if err != nil {
		t.Fatal(err)
	}
	to := calendar.NewDate(2026, 10, 31)
	r, err := reports.Build(context.Background(), src, reports.Filter{From: to.AddYears(-1).AddDays(1), To: to}, reports.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := 1.0, 0.0
	for _, m := range r.Municipalities {
		lo, hi = min(lo, m.ShareOf75.V), max(hi, m.ShareOf75.V)
	}
	if lo >= 0.01 || hi < 0.10 || hi > 0.20 {
		t.Errorf("report share of the 75+ from %.1f %% to %.1f %%; want from under 1 %% to 10–20 %%", 100*lo, 100*hi)
	}
	if r.PopulationScale != 0.02 || !strings.Contains(reports.SourceLine(r), "skaleret med stikprøvens andel") {
		t.Errorf("scale %v, source line %q", r.PopulationScale, reports.SourceLine(r))
	}
}

func query[T any](t *testing.T, db *data.DB, q string, out *[]T) {
	t.Helper()
	if err := db.Bun().NewRaw(q).Scan(context.Background(), out); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func checkStates(t *testing.T, db *data.DB) {
	var states []string
	query(t, db, "SELECT DISTINCT state FROM cases ORDER BY state", &states)
	for _, s := range workflow.States() {
		if !slices.Contains(states, string(s)) {
			t.Errorf("no case in state %s (have %v)", s, states)
		}
	}
}

type auditLine struct {
	CaseID    string `bun:"case_id"`
	Seq       int    `bun:"seq"`
	Event     string `bun:"event"`
	FromState string `bun:"from_state"`
	ToState   string `bun:"to_state"`
	Reason    string `bun:"reason"`
	ActorRole string `bun:"actor_role"`
	State     string `bun:"state"`
	Version   int    `bun:"version"`
}

// checkAudit replays every case's audit trail against workflow.Transitions.
func checkAudit(t *testing.T, db *data.DB) {
	var lines []auditLine
	query(t, db, `SELECT a.case_id, a.seq, a.event, a.from_state, a.to_state, a.reason, a.actor_role, c.state, c.version
		FROM audit_events a JOIN cases c ON c.id = a.case_id ORDER BY a.case_id, a.seq`, &lines)
	var bad int
	fail := func(l auditLine, format string, args ...any) {
		if bad++; bad <= 10 {
			t.Errorf("case %s seq %d: "+format, append([]any{l.CaseID, l.Seq}, args...)...)
		}
	}
	care := []string{string(workflow.RoleNurse), string(workflow.RoleLead), string(workflow.RoleAdmin)}
	for i, l := range lines {
		first := i == 0 || lines[i-1].CaseID != l.CaseID
		last := i == len(lines)-1 || lines[i+1].CaseID != l.CaseID
		switch {
		case first && (l.Seq != 1 || l.Event != string(workflow.EventOpen) || l.FromState != "" || l.ToState != string(workflow.StateIdentified)):
			fail(l, "the trail does not begin with open → identified: %+v", l)
		case !first && l.Seq != lines[i-1].Seq+1:
			fail(l, "seq follows %d", lines[i-1].Seq)
		case !first && l.FromState != lines[i-1].ToState:
			fail(l, "from %s, but the previous event led to %s", l.FromState, lines[i-1].ToState)
		case !first && !allowed(l):
			fail(l, "%s from %s to %s is no transition of the state machine", l.Event, l.FromState, l.ToState)
		case !first && workflow.NeedsReason(workflow.Event(l.Event)) && !validReason(l):
			fail(l, "%s needs a reason code, has %q", l.Event, l.Reason)
		case !slices.Contains(care, l.ActorRole):
			fail(l, "actor role %s may not fire case events", l.ActorRole)
		}
		if last && (l.ToState != l.State || l.Seq != l.Version) {
			fail(l, "the case is %s at version %d, its trail ends in %s at %d", l.State, l.Version, l.ToState, l.Seq)
		}
	}
	var cases []int
	query(t, db, "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.case_id = c.id)", &cases)
	if cases[0] != 0 {
		t.Errorf("%d cases have no audit trail", cases[0])
	}
}

func allowed(l auditLine) bool {
	tr, ok := workflow.TransitionFor(workflow.Event(l.Event))
	return ok && slices.Contains(tr.From, workflow.State(l.FromState)) && slices.Contains(tr.Targets(), workflow.State(l.ToState))
}

func validReason(l auditLine) bool {
	_, ok := workflow.ReasonFor(workflow.Event(l.Event), l.Reason)
	return ok
}

type periodLine struct {
	CaseID string    `bun:"case_id"`
	Seq    int       `bun:"seq"`
	Start  time.Time `bun:"start_date"`
	End    time.Time `bun:"end_date"`
	Length int       `bun:"length_days"`
}

// checkPeriods checks that a case's periods follow each other without overlap.
func checkPeriods(t *testing.T, db *data.DB) {
	var ps []periodLine
	query(t, db, "SELECT case_id, seq, start_date, end_date, length_days FROM roll_periods ORDER BY case_id, seq", &ps)
	if len(ps) == 0 {
		t.Fatal("no roll periods")
	}
	bad := 0
	for i, p := range ps {
		if !p.End.Equal(p.Start.AddDate(0, 0, p.Length-1)) {
			bad++
			t.Errorf("case %s period %d: %s–%s is not %d days", p.CaseID, p.Seq, p.Start, p.End, p.Length)
		}
		if i > 0 && ps[i-1].CaseID == p.CaseID && (p.Seq != ps[i-1].Seq+1 || !p.Start.After(ps[i-1].End)) {
			bad++
			t.Errorf("case %s period %d overlaps or skips period %d", p.CaseID, p.Seq, ps[i-1].Seq)
		}
		if bad > 10 {
			t.FailNow()
		}
	}
}

type shareLine struct {
	Code   int `bun:"code"`
	Helped int `bun:"helped"`
	OnDD   int `bun:"on_dd"`
}

// checkAdoption checks that the share of the 75+ on DD (cases active or
// paused now, over the citizens with medicine help, times the 27 % of the
// 75+ who get that help) spans the published range.
func checkAdoption(t *testing.T, db *data.DB) {
	var ls []shareLine
	query(t, db, `SELECT m.code,
		(SELECT COUNT(*) FROM citizens ci WHERE ci.municipality_code = m.code AND ci.medicine_help) AS helped,
		(SELECT COUNT(*) FROM cases c WHERE c.municipality_code = m.code AND c.state IN ('active', 'paused')) AS on_dd
		FROM municipalities m ORDER BY m.code`, &ls)
	lo, hi := 1.0, 0.0
	for _, l := range ls {
		if l.Helped == 0 {
			t.Errorf("municipality %d has no citizens with medicine help", l.Code)
			continue
		}
		share := float64(l.OnDD) / float64(l.Helped) * helpShare75
		lo, hi = min(lo, share), max(hi, share)
	}
	if len(ls) != 98 || lo >= 0.01 || hi < 0.10 || hi > 0.20 {
		t.Errorf("%d municipalities, DD share of the 75+ from %.1f %% to %.1f %%; want 98, from under 1 %% to 10–20 %%",
			len(ls), 100*lo, 100*hi)
	}
}
