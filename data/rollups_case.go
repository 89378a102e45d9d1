package data

import (
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// caseTrack is what the rollups need to know about one case to turn its next
// audit event or assessment into deltas. The write path fills it from the
// transaction's snapshot; the rebuild replays the case's history through it,
// so both derive the figures by the same rules.
type caseTrack struct {
	muni    int
	citizen string
	opened  int // day opened
	b75     int // day the citizen turns 75
	state   string
	// eligible: the case's latest assessment found the citizen eligible.
	eligible bool
	// row is the case row as stored, for the closing reason.
	row caseRow
	// first holds the first time of each funnel event (stageEligible for
	// the first assessment that found the citizen eligible); nil until
	// loaded (firstLoaded).
	first       map[string]time.Time
	firstLoaded bool
}

// keepFirst keeps at as the first time of ev if it is earlier than the one
// kept (loadFirst reads the events in no particular order).
func (c *caseTrack) keepFirst(ev string, at time.Time) {
	if f, ok := c.first[ev]; !ok || at.Before(f) {
		c.first[ev] = at
	}
}

// stageEligible names, in caseTrack.first, the first eligible assessment.
const stageEligible = "assess:eligible"

// funnelStage maps an event (or stageEligible) to its funnel stage key.
var funnelStage = map[string]string{
	string(workflow.EventAssess): "assessed", stageEligible: "eligible", string(workflow.EventConsent): "consented",
	string(workflow.EventRequest): "requested", string(workflow.EventApprove): "approved", string(workflow.EventStart): "started",
}

// stagePairs are the report's stage pairs, by their two events.
var stagePairs = [][2]string{
	{"open", "assess"}, {"assess", "consent"}, {"consent", "request_gp"},
	{"request_gp", "gp_approve"}, {"gp_approve", "start"}, {"open", "start"},
}

// funnelEvent reports whether the event's first occurrence is a figure.
func funnelEvent(ev string) bool {
	_, ok := funnelStage[ev]
	return ok || ev == "open"
}

// openState reports whether a case in state s is open as the report counts
// eligible citizens: it has a state (an audit event) and is not declined,
// rejected or ended. A citizen has at most one open case (index
// cases_one_open_per_citizen), so open eligible cases count citizens.
func openState(s string) bool {
	switch workflow.State(s) {
	case "", workflow.StateDeclined, workflow.StateRejected, workflow.StateEnded:
		return false
	}
	return true
}

// potentialState reports whether an eligible case in state s counts as
// potential: still open and not yet active or paused.
func potentialState(s string) bool {
	switch workflow.State(s) {
	case "", workflow.StateActive, workflow.StatePaused, workflow.StateDeclined, workflow.StateRejected, workflow.StateEnded:
		return false
	}
	return true
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// onAudit adds the deltas of one audit event and moves the track on.
func (c *caseTrack) onAudit(d rollupDeltas, at time.Time, event, from, to string) {
	day := dayOf(at)
	for _, s := range []string{string(workflow.StateActive), string(workflow.StatePaused)} { // the states the report counts
		d.add(mState, c.muni, s, day, 0, b2i(to == s)-b2i(from == s))
	}
	a75 := max(day, c.b75)
	d.add(mActive75, c.muni, "", a75, 0, b2i(to == string(workflow.StateActive))-b2i(from == string(workflow.StateActive)))
	if c.eligible {
		d.add(mPotential, c.muni, "", day, 0, b2i(potentialState(to))-b2i(potentialState(from)))
		d.add(mEligible, c.muni, "", day, 0, b2i(openState(to))-b2i(openState(from)))
	}
	c.state = to
	if event == string(workflow.EventStart) {
		d.add(mStarts, c.muni, "", day, 0, 1)
	}
	if !funnelEvent(event) {
		return
	}
	if c.first == nil {
		c.first = map[string]time.Time{}
	}
	c.firstOf(d, event, at)
	if event == string(workflow.EventAssess) && to == string(workflow.StateAwaitingConsent) {
		c.firstOf(d, stageEligible, at)
	}
}

// firstOf records at as the first time of ev unless it already has one,
// with the stage reached and the stage pairs it completes.
func (c *caseTrack) firstOf(d rollupDeltas, ev string, at time.Time) {
	if _, ok := c.first[ev]; ok {
		return
	}
	c.first[ev] = at
	day := dayOf(at)
	if st, ok := funnelStage[ev]; ok {
		d.add(mStage, c.muni, st, c.opened, day, 1)
	}
	for _, p := range stagePairs {
		if p[0] != ev && p[1] != ev {
			continue
		}
		a, okA := c.first[p[0]]
		b, okB := c.first[p[1]]
		if !okA || !okB {
			continue
		}
		days := wholeUnits(a, b, 24*time.Hour)
		d.add(mStageDays, c.muni, p[0]+">"+p[1]+"|"+strconv.Itoa(days), c.opened, max(dayOf(a), dayOf(b)), 1)
	}
}

// onAssessment adds the deltas of a new latest assessment.
func (c *caseTrack) onAssessment(d rollupDeltas, at time.Time, outcome string) {
	el := outcome == "eligible"
	if el == c.eligible {
		return
	}
	n := b2i(el) - b2i(c.eligible)
	if potentialState(c.state) {
		d.add(mPotential, c.muni, "", dayOf(at), 0, n)
	}
	if openState(c.state) {
		d.add(mEligible, c.muni, "", dayOf(at), 0, n)
	}
	c.eligible = el
}

// reasonOf adds n times the closing reason a case row counts for.
func reasonOf(d rollupDeltas, r caseRow, n int64) {
	switch workflow.State(r.State) {
	case workflow.StateDeclined, workflow.StateRejected, workflow.StateEnded:
	default:
		return
	}
	if r.ClosedAt == nil {
		return
	}
	d.add(mReason, r.Municipality, r.State+"|"+r.StateReason, dayOf(*r.ClosedAt), 0, n)
}

// gpRec is a GP request as its rollups need it.
type gpRec struct {
	ID        string     `bun:"id"`
	CaseID    string     `bun:"case_id"`
	Requested time.Time  `bun:"requested_at"`
	Decided   *time.Time `bun:"decided_at"`
	Decision  string     `bun:"decision"`
}

// gpCaseOf adds n times what the GP requests of one case count for: each
// request by its kind (a renewal when another request of the case was
// approved no later than it was made, as the report defines it), and once
// decided the decision and the whole days it took. The kind depends on the
// case's other requests, so the write path counts a case's requests out
// and in again around each change (a handful of rows).
func gpCaseOf(d rollupDeltas, muni int, gs []gpRec, n int64) {
	for _, g := range gs {
		kind := gpFirst
		for _, g0 := range gs {
			if g0.ID != g.ID && g0.Decision == "approved" && g0.Decided != nil && !g0.Decided.After(g.Requested) {
				kind = gpRenewal
				break
			}
		}
		requested := g.Requested.UTC()
		day := dayOf(requested)
		d.add(mGPRequests, muni, kind, day, 0, n)
		if g.Decided == nil {
			continue
		}
		decided := g.Decided.UTC()
		dd := dayOf(decided)
		d.add(mGPDecision, muni, kind+"|"+g.Decision, day, dd, n)
		d.add(mGPDays, muni, kind+"|"+strconv.Itoa(wholeUnits(requested, decided, 24*time.Hour)), day, dd, n)
	}
}

// urgentOf adds n times what an urgent roll counts for.
func urgentOf(d rollupDeltas, muni int, pharmacy string, requested, promised time.Time, delivered *time.Time, n int64) {
	day := dayOf(requested)
	d.add(mUrgent, muni, pharmacy, day, 0, n)
	d.add(mPromiseHours, muni, pharmacy+"|"+strconv.Itoa(wholeUnits(requested, promised, time.Hour)), day, 0, n)
	if delivered == nil {
		return
	}
	d.add(mUrgentDelivered, muni, pharmacy, day, 0, n)
	if sqlMillis(*delivered) <= sqlMillis(promised) { // as the report's SQL compares them
		d.add(mUrgentOnTime, muni, pharmacy, day, 0, n)
	}
	d.add(mLeadHours, muni, pharmacy+"|"+strconv.Itoa(wholeUnits(requested, *delivered, time.Hour)), day, 0, n)
}

// rollOf adds n times what a roll period counts for (the case-month count
// is kept apart: it depends on the case's other periods).
func rollOf(d rollupDeltas, muni int, pharmacy string, start calendar.Date, length int, status string, n int64) {
	if !rolledStatus(status) {
		return
	}
	day := dateNum(start)
	d.add(mRolls, muni, pharmacy, day, 0, n)
	d.add(mRollDays, muni, pharmacy, day, 0, n*int64(length))
}
