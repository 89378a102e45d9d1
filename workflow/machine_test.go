package workflow

import (
	"github.com/dosis-dk/dosis/i18n"

	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// satisfied returns a snapshot and input in which every guard holds.
func satisfied(state State) (Snapshot, Input) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s := Snapshot{
		Case:                Case{ID: "c1", State: state, Version: 3, GPID: "gp1", PharmacyID: "ph1"},
		Now:                 now,
		BirthDate:           calendar.NewDate(1946, 5, 17),
		Outcome:             "eligible",
		ConsentActive:       true,
		GPRequestOpen:       true,
		GPApproved:          true,
		PrescriptionExpires: calendar.NewDate(2027, 3, 2),
	}
	in := Input{Outcome: "eligible", Consent: &ConsentInput{GivenBy: GiverCitizen, Method: MethodOral, GivenOn: calendar.Today(now)}}
	return s, in
}

// allowed is the expected state machine, written out by hand from the
// design (README "Case states") rather than derived from Transitions().
func allowed() map[State]map[Event]State {
	endable := []State{StateIdentified, StateAssessed, StateAwaitingConsent, StateConsented,
		StateAwaitingGP, StateApproved, StateActive, StatePaused}
	m := map[State]map[Event]State{}
	for _, s := range States() {
		m[s] = map[Event]State{}
	}
	for _, s := range endable {
		m[s][EventEnd] = StateEnded
	}
	for _, s := range []State{StateIdentified, StateAssessed, StateAwaitingConsent} {
		m[s][EventAssess] = StateAwaitingConsent
		m[s][EventDecline] = StateDeclined
	}
	m[StateAwaitingConsent][EventConsent] = StateConsented
	m[StateConsented][EventRequest] = StateAwaitingGP
	m[StateAwaitingGP][EventApprove] = StateApproved
	m[StateAwaitingGP][EventReject] = StateRejected
	m[StateApproved][EventStart] = StateActive
	m[StateActive][EventPause] = StatePaused
	m[StatePaused][EventResume] = StateActive
	for _, s := range []State{StateConsented, StateAwaitingGP, StateApproved, StateActive, StatePaused} {
		m[s][EventWithdraw] = StateEnded
	}
	return m
}

func reasonFor(ev Event) string {
	if rs := Reasons(ev); len(rs) > 0 {
		return rs[0].Code
	}
	return ""
}

func TestEveryStateEventPair(t *testing.T) {
	want := allowed()
	for _, st := range States() {
		for _, ev := range Events() {
			t.Run(fmt.Sprintf("%s/%s", st, ev), func(t *testing.T) {
				s, in := satisfied(st)
				in.Reason = reasonFor(ev)
				got, err := Decide(s, RoleNurse, ev, in)
				to, ok := want[st][ev]
				if ok {
					if err != nil {
						t.Fatalf("want %s, got error %v", to, err)
					}
					if got != to {
						t.Fatalf("want %s, got %s", to, got)
					}
					return
				}
				var e *Error
				if !errors.As(err, &e) || e.Kind != KindInvalidTransition {
					t.Fatalf("want invalid transition, got %v (state %s)", err, got)
				}
				if len(e.Unmet) != 1 || e.Unmet[0].Code != "state" {
					t.Fatalf("want the state guard, got %+v", e.Unmet)
				}
			})
		}
	}
}

func TestGuardsRefuseWithTheirCode(t *testing.T) {
	cases := []struct {
		name    string
		state   State
		event   Event
		breakIt func(*Snapshot, *Input)
		want    []string
	}{
		{"consent needs eligibility", StateAwaitingConsent, EventConsent, func(s *Snapshot, _ *Input) { s.Outcome = "needs_review" }, []string{"eligible"}},
		{"consent needs details", StateAwaitingConsent, EventConsent, func(_ *Snapshot, in *Input) { in.Consent = nil }, []string{"consent_details"}},
		{"consent needs a known method", StateAwaitingConsent, EventConsent, func(_ *Snapshot, in *Input) { in.Consent.Method = "nod" }, []string{"consent_details"}},
		{"consent date in the future", StateAwaitingConsent, EventConsent, func(s *Snapshot, in *Input) { in.Consent.GivenOn = calendar.Today(s.Now).AddDays(1) }, []string{"consent_date"}},
		{"substitute name of spaces", StateAwaitingConsent, EventConsent, func(_ *Snapshot, in *Input) {
			in.Consent.GivenBy, in.Consent.GiverName, in.Consent.Method = GiverGuardian, "   ", MethodWritten
		}, []string{"consent_details"}},
		{"child cannot consent alone", StateAwaitingConsent, EventConsent, func(s *Snapshot, in *Input) {
			s.BirthDate = in.Consent.GivenOn.AddYears(-15).AddDays(1)
		}, []string{"consent_age"}},
		{"15 may consent", StateAwaitingConsent, EventConsent, func(s *Snapshot, in *Input) { s.BirthDate = in.Consent.GivenOn.AddYears(-15) }, nil},
		// The age counts on the day consent was given, not the day it is
		// recorded: given at 14 and recorded after the 15th birthday is refused.
		{"given at 14, recorded at 15", StateAwaitingConsent, EventConsent, func(s *Snapshot, in *Input) {
			s.BirthDate = calendar.NewDate(2011, 3, 1)
			s.Now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			in.Consent.GivenOn = calendar.NewDate(2026, 2, 28)
		}, []string{"consent_age"}},
		{"given at 15, recorded later", StateAwaitingConsent, EventConsent, func(s *Snapshot, in *Input) {
			s.BirthDate = calendar.NewDate(2011, 3, 1)
			in.Consent.GivenOn = calendar.NewDate(2026, 3, 1)
		}, nil},
		{"substitute consent must be explicit", StateAwaitingConsent, EventConsent, func(_ *Snapshot, in *Input) {
			in.Consent.GivenBy, in.Consent.GiverName, in.Consent.Method = GiverGuardian, "Værge Hansen", MethodTacit
		}, []string{"substitute_explicit"}},
		{"explicit substitute consent", StateAwaitingConsent, EventConsent, func(_ *Snapshot, in *Input) {
			in.Consent.GivenBy, in.Consent.GiverName, in.Consent.Method = GiverNextOfKin, "Datter Jensen", MethodWritten
		}, nil},
		{"no GP request without consent", StateConsented, EventRequest, func(s *Snapshot, _ *Input) { s.ConsentActive = false }, []string{"consent_active"}},
		{"no GP request without a GP", StateConsented, EventRequest, func(s *Snapshot, _ *Input) { s.Case.GPID = "" }, []string{"has_gp"}},
		{"every unmet guard is named", StateConsented, EventRequest, func(s *Snapshot, _ *Input) {
			s.ConsentActive, s.Case.GPID, s.Outcome = false, "", "not_eligible"
		}, []string{"consent_active", "eligible", "has_gp"}},
		{"approval needs an open request", StateAwaitingGP, EventApprove, func(s *Snapshot, _ *Input) { s.GPRequestOpen = false }, []string{"gp_request_open"}},
		{"no start without GP approval", StateApproved, EventStart, func(s *Snapshot, _ *Input) { s.GPApproved = false }, []string{"gp_approved"}},
		{"no start without a pharmacy", StateApproved, EventStart, func(s *Snapshot, _ *Input) { s.Case.PharmacyID = "" }, []string{"has_pharmacy"}},
		{"no start on an expired prescription", StateApproved, EventStart, func(s *Snapshot, _ *Input) { s.PrescriptionExpires = calendar.Today(s.Now) }, []string{"prescription_valid"}},
		{"no resume after withdrawn consent", StatePaused, EventResume, func(s *Snapshot, _ *Input) { s.ConsentActive = false }, []string{"consent_active"}},
		{"withdraw needs a consent", StateActive, EventWithdraw, func(s *Snapshot, _ *Input) { s.ConsentActive = false }, []string{"consent_active"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, in := satisfied(tc.state)
			in.Reason = reasonFor(tc.event)
			tc.breakIt(&s, &in)
			_, err := Decide(s, RoleNurse, tc.event, in)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindInvalidTransition {
				t.Fatalf("want invalid transition, got %v", err)
			}
			var got []string
			for _, g := range e.Unmet {
				got = append(got, g.Code)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("unmet guards: want %v, got %v", tc.want, got)
			}
			if e.Message(i18n.Danish) == "" || e.Message(i18n.English) == "" {
				t.Fatal("empty message")
			}
		})
	}
}

// TestGuardsSayWhatIsWrongWithTheInput: an unmet consent guard names the
// missing detail or the impossible date, in both languages.
func TestGuardsSayWhatIsWrongWithTheInput(t *testing.T) {
	cases := []struct {
		name    string
		breakIt func(*Snapshot, *Input)
		da, en  string
	}{
		{"no guardian name", func(_ *Snapshot, in *Input) { in.Consent.GivenBy, in.Consent.GiverName = GiverGuardian, "" },
			"navnet på værge eller pårørende mangler", "the guardian's or next of kin's name is missing"},
		{"unknown method", func(_ *Snapshot, in *Input) { in.Consent.Method = "nod" }, `har ukendt værdi "nod"`, `unknown value "nod"`},
		{"no consent at all", func(_ *Snapshot, in *Input) { in.Consent = nil }, "samtykket mangler oplysninger", "the consent lacks details"},
		{"consent before birth", func(s *Snapshot, in *Input) {
			s.BirthDate, in.Consent.GivenOn = calendar.NewDate(1945, 1, 1), calendar.NewDate(1900, 1, 1)
		}, "datoen for samtykket 01-01-1900 ligger før borgerens fødselsdag 01-01-1945", "is before the citizen's birth date 01-01-1945"},
		{"a child", func(s *Snapshot, in *Input) { s.BirthDate = in.Consent.GivenOn.AddYears(-10) },
			"en borger under 15 år kan ikke selv give samtykke", "a citizen under 15 cannot consent alone"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, in := satisfied(StateAwaitingConsent)
			tc.breakIt(&s, &in)
			_, err := Decide(s, RoleNurse, EventConsent, in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want a refusal, got %v", err)
			}
			if da, en := e.Message(i18n.Danish), e.Message(i18n.English); !strings.Contains(da, tc.da) || !strings.Contains(en, tc.en) {
				t.Errorf("messages %q / %q, want %q / %q", da, en, tc.da, tc.en)
			}
		})
	}
}

func TestAssessRoutesOnOutcome(t *testing.T) {
	for outcome, want := range map[string]State{"eligible": StateAwaitingConsent, "needs_review": StateAssessed, "not_eligible": StateAssessed} {
		s, in := satisfied(StateIdentified)
		in.Outcome = outcome
		got, err := Decide(s, RoleNurse, EventAssess, in)
		if err != nil || got != want {
			t.Errorf("%s: want %s, got %s %v", outcome, want, got, err)
		}
	}
}

func TestReasonsAreRequired(t *testing.T) {
	for _, ev := range []Event{EventPause, EventDecline, EventReject, EventEnd} {
		st := map[Event]State{EventPause: StateActive, EventDecline: StateAwaitingConsent, EventReject: StateAwaitingGP, EventEnd: StateActive}[ev]
		for _, reason := range []string{"", "no_such_code"} {
			s, in := satisfied(st)
			in.Reason = reason
			_, err := Decide(s, RoleNurse, ev, in)
			if KindOf(err) != KindInvalid {
				t.Errorf("%s with reason %q: want invalid, got %v", ev, reason, err)
			}
		}
		s, in := satisfied(st)
		in.Reason = "other"
		if _, err := Decide(s, RoleNurse, ev, in); KindOf(err) != KindInvalid {
			t.Errorf("%s with reason other and no note: want invalid, got %v", ev, err)
		}
		in.Note = "   "
		if _, err := Decide(s, RoleNurse, ev, in); KindOf(err) != KindInvalid {
			t.Errorf("%s with reason other and a blank note: want invalid, got %v", ev, err)
		}
		in.Note = "forklaring"
		if _, err := Decide(s, RoleNurse, ev, in); err != nil {
			t.Errorf("%s with reason other and a note: %v", ev, err)
		}
	}
}

func TestRolesThatMayNotFire(t *testing.T) {
	for _, role := range []Role{RolePharmacy, RoleSteering} {
		for _, ev := range Events() {
			s, in := satisfied(StateActive)
			in.Reason = reasonFor(ev)
			if _, err := Decide(s, role, ev, in); KindOf(err) != KindForbidden {
				t.Errorf("%s firing %s: want forbidden, got %v", role, ev, err)
			}
		}
	}
}
