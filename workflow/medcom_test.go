package workflow_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// medcomFixture is an active DD case of the standard's test patient
// (CPR 2509479989, "Bruno Test Elmer"), started on Monday 28-11-2022, so
// that the standard's own examples (December 2022) can be received as they
// are.
type medcomFixture struct {
	*fixture
	c workflow.Case
}

func newMedcomFixture(t *testing.T, db *data.DB) *medcomFixture {
	t.Helper()
	f := newFixture(t, db)
	f.now = time.Date(2022, 11, 28, 7, 0, 0, 0, time.UTC)
	cit, _, err := db.AddCitizen(context.Background(), f.nurse, data.NewCitizen{CPR: "250947-9989", Name: "Bruno Test Elmer",
		Municipality: 851, GPYdernummer: "012345", MedicineHelp: true}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	f.citizen = cit
	return &medcomFixture{fixture: f, c: f.activeCase(t)}
}

func fixtureFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "medcom", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// receive receives raw with the clock a minute after its event, and
// checks the acknowledgement: the same format, response.identifier the
// message's header id, and code.
func (f *medcomFixture) receive(t *testing.T, raw []byte, code string) workflow.Receipt {
	t.Helper()
	f.now = f.now.Add(time.Minute)
	if m, err := medcom.Parse(raw); err == nil && m.Notification != nil && code == medcom.AckOK {
		if at := m.Notification.EventTime().Add(time.Minute); at.After(f.now) {
			f.now = at
		}
	}
	rc, err := f.sv.ReceiveMessage(context.Background(), f.nurse, raw, "test")
	if err != nil {
		t.Fatal(err)
	}
	checkAck(t, rc, code)
	return rc
}

func checkAck(t *testing.T, rc workflow.Receipt, code string) {
	t.Helper()
	a, err := medcom.Parse(rc.Ack.Body)
	if err != nil {
		t.Fatalf("the acknowledgement does not parse: %v\n%s", err, rc.Ack.Body)
	}
	want := "00000000-0000-0000-0000-000000000000"
	format := medcom.XML
	if rc.Parsed != nil {
		format = rc.Parsed.Format
		if rc.Parsed.Header.ID != "" {
			want = rc.Parsed.Header.ID
		}
	}
	if a.Ack.Of != want || a.Ack.Code != code || a.Format != format {
		t.Fatalf("acknowledgement of %s: code %s format %s; want %s %s %s (problem %v)", a.Ack.Of, a.Ack.Code, a.Format,
			want, code, format, rc.Problem)
	}
	if code != medcom.AckOK && (len(a.Ack.Issues) != 1 || rc.Problem == nil || a.Ack.Issues[0] != rc.Problem.MsgDA) {
		t.Fatalf("the acknowledgement does not name the problem: %v (%v)", a.Ack.Issues, rc.Problem)
	}
}

func (f *medcomFixture) state(t *testing.T) (workflow.State, string) {
	t.Helper()
	s := dbtest.Must(f.db.CaseDetail(context.Background(), f.nurse, f.c.ID, "test", f.now))(t)
	return s.Case.State, s.Case.StateReason
}

func (f *medcomFixture) periods(t *testing.T) []string {
	t.Helper()
	return periodSummary(dbtest.Must(f.db.CasePeriods(context.Background(), f.nurse, f.c.ID))(t))
}

func wantState(t *testing.T, f *medcomFixture, state workflow.State, reason string) {
	t.Helper()
	if s, r := f.state(t); s != state || r != reason {
		t.Fatalf("case %s (%s), want %s (%s)", s, r, state, reason)
	}
}

func wantReceipt(t *testing.T, rc workflow.Receipt, status, effect string) {
	t.Helper()
	if rc.Message.Status != status || rc.Message.Effect != effect {
		t.Fatalf("message %s/%s, want %s/%s (%s)", rc.Message.Status, rc.Message.Effect, status, effect, rc.Message.Detail)
	}
}

// TestReceiveAdmitDischarge: the standard's STIN pauses the case and the
// rolls of the stay; SLHJ of the same stay resumes it, brings the rolls
// back from the discharge and prefills an urgent roll. XML and JSON alike.
func TestReceiveAdmitDischarge(t *testing.T) {
	for _, ext := range []string{".xml", ".json"} {
		t.Run(ext, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				f := newMedcomFixture(t, db)
				before := f.periods(t)
				rc := f.receive(t, fixtureFile(t, "hn-stin"+ext), medcom.AckOK)
				wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectPaused)
				wantState(t, f, workflow.StatePaused, "hospital_admission")
				paused := f.periods(t)
				if strings.Join(paused, "|") == strings.Join(before, "|") || !strings.Contains(strings.Join(paused, "|"), "not_dispensed") {
					t.Fatalf("admission marked no roll:\n%q\n%q", before, paused)
				}
				rc = f.receive(t, fixtureFile(t, "hn-slhj-imp"+ext), medcom.AckOK)
				wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectResumed)
				wantState(t, f, workflow.StateActive, "")
				if rc.Urgent == nil || rc.Urgent.Reason != workflow.UrgentReasonHospitalDischarge || !strings.Contains(rc.Urgent.Note, "18-12-2022") {
					t.Errorf("urgent prefill %+v", rc.Urgent)
				}
				ms := dbtest.Must(db.CaseMessages(context.Background(), f.nurse, f.c.ID))(t)
				if len(ms) != 2 || ms[0].HeaderID != "b9b4818e-02de-4cc4-b418-d20cbc7b5404" || ms[0].EpisodeOfCare != "bd481c38-a921-11ed-afa1-0242ac120002" ||
					ms[0].AckCode != medcom.AckOK || ms[1].Activity != "discharge-inpatient-home" {
					t.Errorf("stored messages %+v", ms)
				}
			})
		})
	}
}

// TestReceiveAdmitCancel: AN_STIN undoes exactly the admission: the case
// is active again and every roll is as before.
func TestReceiveAdmitCancel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := newMedcomFixture(t, db)
		before := f.periods(t)
		f.receive(t, fixtureFile(t, "hn-stin.xml"), medcom.AckOK)
		rc := f.receive(t, fixtureFile(t, "hn-an-stin.xml"), medcom.AckOK)
		wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectUndone)
		wantState(t, f, workflow.StateActive, "")
		after := f.periods(t)
		for i := range before {
			if i >= len(after) || strings.Replace(after[i], "ready", "planned", 1) != strings.Replace(before[i], "ready", "planned", 1) {
				t.Fatalf("rolls after the cancellation:\n%q\nwant\n%q", after, before)
			}
		}
		ms := dbtest.Must(db.CaseMessages(context.Background(), f.nurse, f.c.ID))(t)
		if ms[0].Status != workflow.MessageCancelled {
			t.Errorf("the cancelled admission is %s", ms[0].Status)
		}
	})
}

// TestReceiveLeaveStory: admit, leave, end of leave, discharge: the leave
// messages are recorded only, the discharge resumes.
func TestReceiveLeaveStory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := newMedcomFixture(t, db)
		f.receive(t, fixtureFile(t, "hn-stin.json"), medcom.AckOK)
		for _, name := range []string{"hn-stor.json", "hn-slor.xml"} {
			wantReceipt(t, f.receive(t, fixtureFile(t, name), medcom.AckOK), workflow.MessageRecorded, "")
			wantState(t, f, workflow.StatePaused, "hospital_admission")
		}
		wantReceipt(t, f.receive(t, fixtureFile(t, "hn-slhj-imp.json"), medcom.AckOK), workflow.MessageApplied, workflow.EffectResumed)
		wantState(t, f, workflow.StateActive, "")
	})
}

// TestReceiveDeath: MORS ends the case with reason death and cancels the
// open urgent roll.
func TestReceiveDeath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newMedcomFixture(t, db)
		f.now = time.Date(2022, 12, 6, 9, 0, 0, 0, time.UTC)
		u := dbtest.Must(f.sv.RequestUrgentRoll(ctx, f.nurse, workflow.UrgentRequest{CaseID: f.c.ID,
			Reason: workflow.UrgentReasonMedicationChange, NeededBy: f.now.Add(48 * time.Hour)}))(t)
		f.receive(t, fixtureFile(t, "hn-stin.xml"), medcom.AckOK)
		rc := f.receive(t, fixtureFile(t, "hn-mors-imp.xml"), medcom.AckOK)
		wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectEnded)
		wantState(t, f, workflow.StateEnded, "death")
		us := dbtest.Must(db.CaseUrgentRolls(ctx, f.nurse, f.c.ID, f.now))(t)
		if len(us) != 1 || us[0].ID != u.ID || us[0].Status != workflow.UrgentCancelled {
			t.Errorf("the open urgent roll: %+v", us)
		}
	})
}
