package demo

import (
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// caseBuild plays one case's history forward through workflow.Decide, the
// state machine's own check, so every audit row is a transition the
// Service would have allowed with the same guards. Records whose later
// fields change (consents, GP requests, reminders) are written by finish.
type caseBuild struct {
	g    *muniGen
	cit  citizen
	c    workflow.Case
	snap workflow.Snapshot
	last time.Time
	err  error

	consents  []consentRec
	requests  []requestRec
	reminders []reminderRec
	// pauses are the dispensing pauses, for roll periods and urgent rolls.
	pauses []pauseRec
	// startedAt is when the case became active (zero if never).
	startedAt time.Time
	// noRenew is set for a case that is to end when its prescription expires.
	noRenew bool
}

type consentRec struct {
	id, by, giverName, method, recordedBy string
	givenOn                               calendar.Date
	recordedAt                            time.Time
	dailyCare                             bool
	withdrawnAt                           *time.Time
	withdrawnBy, note                     string
}

type requestRec struct {
	id, by, decision, reason string
	requestedAt              time.Time
	decidedAt                *time.Time
	expires                  calendar.Date
}

type reminderRec struct {
	id, kind string
	due      time.Time
	done     *time.Time
}

type pauseRec struct {
	reason   string
	from, to time.Time // to is zero while paused
}

func (g *muniGen) newCase(cit citizen, source string, at time.Time) *caseBuild {
	b := &caseBuild{g: g, cit: cit}
	at = b.at(at)
	b.c = workflow.Case{ID: g.r.id(), CitizenID: cit.id, Municipality: g.p.Code, State: workflow.StateIdentified,
		Version: 1, Source: source, GPID: cit.gpID, OpenedAt: at, UpdatedAt: at}
	actor, role := g.careActor()
	g.t.audit.add(b.c.ID, 1, at, actor, string(role), string(workflow.EventOpen), "", string(workflow.StateIdentified), "", source)
	g.sh.stats.AuditEvents++
	return b
}

// at keeps the case's times strictly increasing and never after now.
func (b *caseBuild) at(t time.Time) time.Time {
	if !t.After(b.last) {
		t = b.last.Add(time.Minute + time.Duration(b.g.r.IntN(120))*time.Minute)
	}
	if t.After(b.g.sh.now) && b.err == nil {
		b.err = fmt.Errorf("demo case %s: event at %s is after now", b.c.ID, t.Format(time.RFC3339))
	}
	b.last = t
	return t
}

// fire checks and records one transition at t.
func (b *caseBuild) fire(t time.Time, ev workflow.Event, in workflow.Input) time.Time {
	t = b.at(t)
	if b.err != nil {
		return t
	}
	actor, role := b.g.careActor()
	b.snap.Case = b.c
	b.snap.Now = t
	b.snap.BirthDate = b.cit.birth
	to, err := workflow.Decide(b.snap, role, ev, in)
	if err != nil {
		b.err = fmt.Errorf("demo case %s: %s from %s: %w", b.c.ID, ev, b.c.State, err)
		return t
	}
	from := b.c.State
	b.c.State, b.c.StateReason, b.c.UpdatedAt = to, in.Reason, t
	b.c.Version++
	if to.Terminal() {
		closed := t
		b.c.ClosedAt = &closed
	}
	b.g.t.audit.add(b.c.ID, b.c.Version, t, actor, string(role), string(ev), string(from), string(to), in.Reason, in.Note)
	b.g.sh.stats.AuditEvents++
	return t
}

// assess evaluates facts with the default rule set and records the verdict.
func (b *caseBuild) assess(t time.Time, f eligibility.Facts) {
	v, err := b.g.sh.verdict(f)
	if err != nil {
		b.err = err
		return
	}
	t = b.fire(t, workflow.EventAssess, workflow.Input{Outcome: v.outcome})
	if b.err != nil {
		return
	}
	b.snap.Outcome = v.outcome
	actor, _ := b.g.careActor()
	b.g.t.assessments.add(b.g.r.id(), b.c.ID, b.g.sh.rules.ID, b.g.sh.rules.Version, v.outcome, v.facts, v.results, actor, t)
}

// consent records a consent given shortly before t.
func (b *caseBuild) consent(t time.Time) {
	r := b.g.r
	in := workflow.ConsentInput{GivenBy: r.pick([]choice{{workflow.GiverCitizen, 80}, {workflow.GiverNextOfKin, 12}, {workflow.GiverGuardian, 8}}),
		RecorderInDailyCare: r.chance(0.35)}
	if in.GivenBy == workflow.GiverCitizen {
		in.Method = r.pick([]choice{{workflow.MethodWritten, 50}, {workflow.MethodOral, 40}, {workflow.MethodTacit, 10}})
	} else {
		in.Method = r.pick([]choice{{workflow.MethodWritten, 60}, {workflow.MethodOral, 40}})
		in.GiverName = b.g.sh.names.person(r, r.chance(0.5))
	}
	given := t.Add(-r.daysBetween(0, 3))
	if given.Before(b.last) {
		given = b.last
	}
	in.GivenOn = calendar.DayOf(given)
	t = b.fire(t, workflow.EventConsent, workflow.Input{Consent: &in})
	if b.err != nil {
		return
	}
	b.snap.ConsentActive = true
	actor, _ := b.g.careActor()
	b.consents = append(b.consents, consentRec{id: r.id(), by: in.GivenBy, giverName: in.GiverName, method: in.Method,
		givenOn: in.GivenOn, recordedAt: t, recordedBy: actor, dailyCare: in.RecorderInDailyCare})
}
