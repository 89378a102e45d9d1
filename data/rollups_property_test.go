package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// rollupHistory drives random histories through the workflow service:
// cases opened, assessed, consented, sent to the GP, decided, started,
// paused and resumed (by hand and by hospital messages), ended; roll
// periods planned, delivered and received with deviations; urgent rolls
// requested, accepted, packed, delivered, cancelled; citizens registered;
// and bursts of concurrent writers. The clock moves by random hours across
// Danish midnights and the change to summer time.
type rollupHistory struct {
	t      *testing.T
	db     *data.DB
	sv     *workflow.Service
	rng    *rand.Rand
	mu     sync.Mutex
	clock  time.Time
	admin  workflow.Actor
	pharms []workflow.Actor
	cases  []string
	citz   []string
	urgent []string
	seq    int
	// done counts the actions that changed something, by kind.
	done map[string]int
}

func newRollupHistory(t *testing.T, db *data.DB, seed uint64) *rollupHistory {
	ctx := context.Background()
	h := &rollupHistory{t: t, db: db, rng: rand.New(rand.NewPCG(seed, 14)),
		clock: time.Date(2026, 3, 20, 21, 30, 0, 0, time.UTC), admin: workflow.System("property"), done: map[string]int{}}
	h.sv = workflow.NewService(db, h.now, workflow.DefaultSettings())
	_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "012345", Name: "Lægehuset"}, h.now()))(t)
	for _, m := range []int{851, 101} {
		p := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: fmt.Sprintf("Apotek %d", m), Municipality: m}, h.now()))(t)
		h.pharms = append(h.pharms, workflow.Actor{UserID: "u-pharm", Role: workflow.RolePharmacy, PharmacyID: p.ID})
	}
	for range 5 {
		h.addCitizen(ctx)
	}
	return h
}

// now is the history's clock; it moves at every reading, as time does, so
// two transactions never share an instant (the workflow orders a case's
// assessments by time, then by random id).
func (h *rollupHistory) now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	// a millisecond and some microseconds: stored times have microseconds,
	// as real ones do, and whole hours and days are counted from them
	// rounded to the millisecond on both engines (sqlMillis)
	h.clock = h.clock.Add(time.Millisecond + time.Duration(h.rng.IntN(1000))*time.Microsecond)
	return h.clock
}

func (h *rollupHistory) pick(xs []string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(xs) == 0 {
		return ""
	}
	return xs[h.rng.IntN(len(xs))]
}

func (h *rollupHistory) intn(n int) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rng.IntN(n)
}

// addCitizen registers a citizen born 1940–1955 (some turn 75 during the
// history), most with medicine help.
func (h *rollupHistory) addCitizen(ctx context.Context) {
	h.mu.Lock()
	h.seq++
	seq := h.seq
	day, month, year := 1+h.rng.IntN(28), 1+h.rng.IntN(12), 40+h.rng.IntN(16)
	if h.rng.IntN(3) == 0 { // turns 75 around the history's days
		day, month, year = 18+h.rng.IntN(10), 3, 51
	}
	muni := []int{851, 101}[h.rng.IntN(2)]
	help := h.rng.IntN(5) > 0
	h.mu.Unlock()
	cpr := fmt.Sprintf("%02d%02d%02d-%04d", day, month, year, 1000+seq)
	c, _, err := h.db.AddCitizen(ctx, h.admin, data.NewCitizen{CPR: cpr, Name: "Borger", Municipality: muni,
		GPYdernummer: "012345", MedicineHelp: help}, h.now())
	if err != nil {
		h.t.Fatal(err)
	}
	h.mu.Lock()
	h.citz = append(h.citz, c.ID)
	h.mu.Unlock()
}

// actions are the kinds of step, and next[state] those that fit a case's state.
var (
	actions = []string{"open", "assess", "consent", "request GP", "GP decision", "start", "pause/resume", "hospital",
		"end/decline/withdraw", "plan and deliver", "receipt", "urgent request", "urgent step", "citizen", "assess not eligible",
		"move", "medicine help"}
	nextActions = map[string][]string{
		"identified": {"assess", "assess", "assess not eligible"}, "assessed": {"assess", "end/decline/withdraw"},
		"awaiting_consent": {"consent", "consent", "end/decline/withdraw"}, "consented": {"request GP"},
		"awaiting_gp": {"GP decision"}, "approved": {"start"},
		"active": {"plan and deliver", "plan and deliver", "receipt", "receipt", "urgent request", "urgent step", "urgent step",
			"pause/resume", "hospital", "end/decline/withdraw"},
		"paused": {"pause/resume", "hospital", "plan and deliver"},
	}
)

// next picks the step for case c: mostly one that fits its state, so the
// history goes the whole path; sometimes any step (most are then refused).
func (h *rollupHistory) next(ctx context.Context, c string) string {
	if c == "" || h.intn(16) == 0 {
		return "open"
	}
	var state string
	if err := h.db.Bun().NewRaw("SELECT state FROM cases WHERE id = ?", c).Scan(ctx, &state); err != nil {
		h.t.Fatal(err)
	}
	if fit := nextActions[state]; len(fit) > 0 && h.intn(5) > 0 {
		return fit[h.intn(len(fit))]
	}
	return actions[h.intn(len(actions))]
}

// periodSeq returns the first period of case c in status whose deadline
// has passed (1 if none).
func (h *rollupHistory) periodSeq(ctx context.Context, c, status string) int {
	var seqs []int
	today := calendar.DayOf(h.now())
	if err := h.db.Bun().NewRaw("SELECT seq FROM roll_periods WHERE case_id = ? AND status = ? AND deadline < ? ORDER BY seq LIMIT 1",
		c, status, today).Scan(ctx, &seqs); err != nil {
		h.t.Fatal(err)
	}
	if len(seqs) == 0 {
		return 1
	}
	return seqs[0]
}

// step runs one action; a workflow refusal (a transition that does
// not fit the case's state, a conflict with a concurrent writer) is part
// of the history, any other error fails the test.
func (h *rollupHistory) step(ctx context.Context, scripted string) string {
	a := h.admin
	c := h.pick(h.cases)
	what := scripted
	if what == "" {
		what = h.next(ctx, c)
	} else if len(h.cases) > 0 {
		c = h.cases[len(h.cases)-1] // a script follows the case it opened
	}
	var err error
	switch what {
	case "open":
		var cs workflow.Case
		if cs, err = h.sv.OpenCase(ctx, a, h.pick(h.citz), "home_care"); err == nil {
			h.mu.Lock()
			h.cases = append(h.cases, cs.ID)
			h.mu.Unlock()
		}
	case "assess":
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
			"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": scripted != "" || h.intn(4) > 0}
		_, _, err = h.sv.Assess(ctx, a, c, eligibility.Default(), facts, "")
	case "consent":
		_, err = h.sv.RecordConsent(ctx, a, c, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
			Method: workflow.MethodWritten, GivenOn: calendar.DayOf(h.now())}, "")
	case "request GP":
		_, err = h.sv.RequestGP(ctx, a, c, "")
	case "GP decision":
		d := workflow.GPDecision{Approved: scripted != "" || h.intn(5) > 0}
		if !d.Approved {
			d.Reason = "unstable_treatment"
		}
		_, err = h.sv.RecordGPDecision(ctx, a, c, d)
	case "start":
		_, err = h.sv.Start(ctx, a, c, h.pharms[h.intn(len(h.pharms))].PharmacyID, "")
	case "pause/resume":
		if _, err = h.sv.Pause(ctx, a, c, "citizen_away", ""); err != nil {
			_, err = h.sv.Resume(ctx, a, c, "")
		}
	case "hospital":
		kind := []string{workflow.HospitalAdmission, workflow.HospitalDischarge}[h.intn(2)]
		h.mu.Lock()
		h.seq++
		id := fmt.Sprintf("msg-%d", h.seq)
		h.mu.Unlock()
		_, err = h.sv.RecordHospitalNotification(ctx, a, c, kind, h.now().Add(-time.Hour), "Aalborg UH", id)
	case "end/decline/withdraw":
		switch h.intn(3) {
		case 0:
			_, err = h.sv.End(ctx, a, c, "moved", "")
		case 1:
			_, err = h.sv.Decline(ctx, a, c, "citizen_declined", "")
		default:
			_, err = h.sv.WithdrawConsent(ctx, a, c, "")
		}
	case "plan and deliver":
		if _, _, err = h.sv.PlanCase(ctx, a, c, calendar.DayOf(h.now()).AddDays(40)); err == nil {
			seq := h.periodSeq(ctx, c, "planned")
			for _, p := range h.pharms {
				if _, err = h.sv.RecordDelivered(ctx, p, c, seq); err == nil {
					break
				}
			}
		}
	case "receipt":
		in := workflow.ReceiptInput{}
		if scripted != "" || h.intn(2) == 0 {
			in.Deviations = []string{"missing_pouch"}
		}
		_, err = h.sv.RecordReceipt(ctx, a, c, h.periodSeq(ctx, c, "dispensed"), in)
	case "urgent request":
		var u workflow.UrgentRoll
		if u, err = h.sv.RequestUrgentRoll(ctx, a, workflow.UrgentRequest{CaseID: c,
			Reason: workflow.UrgentReasonMedicationChange, NeededBy: h.now().Add(30 * time.Hour)}); err == nil {
			h.mu.Lock()
			h.urgent = append(h.urgent, u.ID)
			h.mu.Unlock()
		}
	case "urgent step":
		id := h.pick(h.urgent)
		var status string
		if id != "" {
			if err := h.db.Bun().NewRaw("SELECT status FROM urgent_rolls WHERE id = ?", id).Scan(ctx, &status); err != nil {
				h.t.Fatal(err)
			}
		}
		next := map[string]func(context.Context, workflow.Actor, string, string) (workflow.UrgentRoll, error){
			"requested": h.sv.AcceptUrgentRoll, "accepted": h.sv.MarkUrgentPacked, "packed": h.sv.MarkUrgentDelivered}[status]
		if next == nil || h.intn(8) == 0 {
			next = h.sv.CancelUrgentRoll
		}
		err = workflow.Invalid("ingen akutrulle", "no urgent roll")
		for _, p := range h.pharms {
			if _, err = next(ctx, p, id, ""); err == nil {
				break
			}
		}
	case "citizen":
		h.addCitizen(ctx)
	case "move": // the citizen of case c (and so the open case) moves to the other municipality
		var ci struct {
			ID   string `bun:"citizen_id"`
			Muni int    `bun:"municipality_code"`
		}
		if c == "" {
			break
		}
		if err := h.db.Bun().NewRaw("SELECT c.citizen_id, ci.municipality_code FROM cases c JOIN citizens ci ON ci.id = c.citizen_id WHERE c.id = ?",
			c).Scan(ctx, &ci); err != nil {
			h.t.Fatal(err)
		}
		to := map[int]int{851: 101, 101: 851}[ci.Muni]
		_, err = h.db.MoveCitizen(ctx, h.admin, data.CitizenMove{CitizenID: ci.ID, To: to, MovedOn: calendar.DayOf(h.now()).AddDays(-h.intn(3))}, h.now())
	case "medicine help":
		var help bool
		id := h.pick(h.citz)
		if err := h.db.Bun().NewRaw("SELECT medicine_help FROM citizens WHERE id = ?", id).Scan(ctx, &help); err != nil {
			h.t.Fatal(err)
		}
		help = !help
		_, err = h.db.UpdateCitizen(ctx, h.admin, id, data.CitizenEdit{MedicineHelp: &help}, h.now())
	case "assess not eligible":
		facts := eligibility.Facts{"receives_medicine_help": false, "months_without_change": 1,
			"no_change_expected": false, "packable_medicine_count": 0, "can_handle_roll": false}
		_, _, err = h.sv.Assess(ctx, a, c, eligibility.Default(), facts, "")
	}
	if err != nil && workflow.KindOf(err) == workflow.KindInternal {
		h.t.Fatalf("%s: %v", what, err)
	}
	if err == nil {
		h.mu.Lock()
		h.done[what]++
		h.mu.Unlock()
	} else if scripted != "" {
		h.t.Logf("scripted %s refused: %v", what, err)
	}
	return what
}

// check compares the rollups with a recomputation from the source tables,
// row by row, and (every so often) the report's figures from both.
func (h *rollupHistory) check(ctx context.Context, after string, figures bool) {
	h.t.Helper()
	_, bad, err := h.db.VerifyRollups(ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, m := range bad {
		h.t.Errorf("after %s: %s", after, m)
	}
	if !figures {
		return
	}
	to := calendar.DayOf(h.now())
	// Every municipality but 851: the national rows less 851's (the
	// steering group's report with a small municipality left out).
	var most []int
	if err := h.db.Bun().NewRaw("SELECT code FROM municipalities WHERE code <> 851 ORDER BY code").Scan(ctx, &most); err != nil {
		h.t.Fatal(err)
	}
	for _, f := range []reports.Filter{{From: calendar.NewDate(2026, 3, 1), To: to, Municipalities: most}, {From: calendar.NewDate(2026, 3, 1), To: to}, {From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 3, 31)},
		{From: calendar.NewDate(2026, 3, 24), To: to.AddDays(-1)}, {From: calendar.NewDate(2026, 3, 1), To: calendar.NewDate(2026, 4, 30)},
		{From: calendar.NewDate(2026, 3, 1), To: to, Municipalities: []int{101}}} {
		diffs, err := h.db.CompareReportFigures(ctx, f)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, d := range diffs {
			h.t.Errorf("after %s, %s – %s: %s", after, f.From.Format(), f.To.Format(), d)
		}
	}
	if h.t.Failed() {
		h.t.FailNow()
	}
}

// script takes one case along the whole path before the random steps.
var script = []string{"open", "assess", "consent", "request GP", "GP decision", "start", "plan and deliver", "receipt",
	"urgent request", "urgent step", "urgent step", "urgent step", "pause/resume", "pause/resume", "hospital", "hospital",
	"move", "medicine help", "end/decline/withdraw"}

// After every step of a random history the rollups equal their
// recomputation from the source tables, and the report's figures computed
// from the rollups equal those computed from the source tables.
func TestRollupsEqualRecomputation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		for _, seed := range []uint64{1} {
			h := newRollupHistory(t, db, seed)
			for i := range 260 {
				h.mu.Lock()
				h.clock = h.clock.Add(time.Duration(1+h.rng.IntN(30)) * time.Hour)
				if i%12 == 11 { // now and then a week passes: roll deadlines fall due
					h.clock = h.clock.AddDate(0, 0, 6)
				}
				h.mu.Unlock()
				what := ""
				switch {
				case i < len(script): // first the whole path, so every kind of change is in every history
					what = h.step(ctx, script[i])
					if script[i] == "start" {
						h.mu.Lock()
						h.clock = h.clock.AddDate(0, 0, 12) // the first period's deadline passes
						h.mu.Unlock()
					}
				case i%10 == 9: // concurrent writers
					var wg sync.WaitGroup
					for range 3 {
						wg.Go(func() { h.step(ctx, "") })
					}
					wg.Wait()
					what = "concurrent writers"
				default:
					what = h.step(ctx, "")
				}
				h.check(ctx, fmt.Sprintf("step %d (%s, seed %d)", i, what, seed), i%40 == 39)
			}
			h.check(ctx, "the last step", true)
			t.Logf("actions that changed something: %v", h.done)
			// The history must reach what the rollups count, or the test proves little.
			for _, k := range []string{"start", "pause/resume", "plan and deliver", "receipt", "urgent step", "GP decision", "end/decline/withdraw",
				"move", "medicine help", "consent", "assess"} {
				if h.done[k] == 0 {
					t.Errorf("the history never did %q: %v", k, h.done)
				}
			}
			var active int
			if err := db.Bun().NewRaw("SELECT COUNT(*) FROM rollups WHERE metric = 'rolls' AND n > 0").Scan(ctx, &active); err != nil || active == 0 {
				t.Errorf("no dispensed roll counted (%v)", err)
			}
		}
	})
}
