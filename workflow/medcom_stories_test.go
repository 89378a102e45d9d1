package workflow_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// withPeriod sets the Encounter's period.start and period.end (when not
// empty) of a JSON message.
func withPeriod(t *testing.T, raw []byte, start, end string) []byte {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	for _, e := range b["entry"].([]any) {
		r := e.(map[string]any)["resource"].(map[string]any)
		if r["resourceType"] == "Encounter" {
			p := r["period"].(map[string]any)
			if start != "" {
				p["start"] = start
			}
			if end != "" {
				p["end"] = end
			}
		}
	}
	out, _ := json.Marshal(b)
	return out
}

// TestReceiveRevision: a revised admission time moves the start of the
// pause (a roll whose deadline fell before the corrected admission comes
// back); a revised discharge time moves its end.
func TestReceiveRevision(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := newMedcomFixture(t, db)
		f.receive(t, fixtureFile(t, "hn-stin.json"), medcom.AckOK)
		if p := f.periods(t); p[1] != "15-12-2022 12-12-2022 not_dispensed" {
			t.Fatalf("after admission %q", p)
		}
		re := withPeriod(t, edited(t, "hn-re-stin.json", "00000000-0000-4000-8000-000000000001", "revise-admit-inpatient", hSTIN),
			"2022-12-13T08:00:00+01:00", "")
		rc := f.receive(t, re, medcom.AckOK)
		wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectRevised)
		if !strings.Contains(rc.Message.Detail, "07-12-2022 11:00 til 13-12-2022 08:00") {
			t.Errorf("detail %q", rc.Message.Detail)
		}
		if p := f.periods(t); p[1] != "15-12-2022 12-12-2022 planned" || p[2] != "29-12-2022 23-12-2022 not_dispensed" {
			t.Fatalf("after the revision %q", p)
		}
		f.receive(t, fixtureFile(t, "hn-slhj-imp.json"), medcom.AckOK)
		wantState(t, f, workflow.StateActive, "")
		if p := f.periods(t); p[2] != "29-12-2022 23-12-2022 planned" {
			t.Fatalf("after discharge %q", p)
		}
		later := withPeriod(t, edited(t, "hn-slhj-imp.json", "00000000-0000-4000-8000-000000000002", "revise-discharge-inpatient-home", hSLHJ),
			"", "2022-12-24T10:00:00+01:00")
		wantReceipt(t, f.receive(t, later, medcom.AckOK), workflow.MessageApplied, workflow.EffectRevised)
		if p := f.periods(t); p[2] != "29-12-2022 23-12-2022 not_dispensed" || p[3] != "12-01-2023 09-01-2023 planned" {
			t.Fatalf("after the revised discharge %q", p)
		}
		// A cancellation after the revision undoes from the corrected time.
		ms := dbtest.Must(db.CaseMessages(context.Background(), f.nurse, f.c.ID))(t)
		if ms[0].EventAt == nil || ms[0].EventAt.Format("2006-01-02T15:04") != "2022-12-13T07:00" {
			t.Errorf("the admission's stored time %v", ms[0].EventAt)
		}
	})
}

// TestReceiveRepeat: the same MessageHeader id twice changes nothing and
// is acknowledged again.
func TestReceiveRepeat(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newMedcomFixture(t, db)
		f.receive(t, fixtureFile(t, "hn-stin.xml"), medcom.AckOK)
		periods := f.periods(t)
		audit := len(dbtest.Must(db.CaseDetail(ctx, f.nurse, f.c.ID, "test", f.now))(t).Audit)
		for _, name := range []string{"hn-stin.xml", "hn-stin.json", "hn-stin-ig.xml"} {
			rc := f.receive(t, fixtureFile(t, name), medcom.AckOK)
			if !rc.Duplicate {
				t.Fatalf("%s: not a duplicate", name)
			}
		}
		if got := f.periods(t); strings.Join(got, "|") != strings.Join(periods, "|") {
			t.Errorf("a repeat changed the rolls")
		}
		if n := len(dbtest.Must(db.CaseDetail(ctx, f.nurse, f.c.ID, "test", f.now))(t).Audit); n != audit {
			t.Errorf("a repeat wrote %d audit rows", n-audit)
		}
		if ms := dbtest.Must(db.CaseMessages(ctx, f.nurse, f.c.ID))(t); len(ms) != 1 {
			t.Errorf("%d messages stored", len(ms))
		}
	})
}

// TestReceiveNotRelevant: a citizen without a DD case, or unknown, or in
// another municipality: acknowledged ok and recorded as not relevant.
func TestReceiveNotRelevant(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newMedcomFixture(t, db)
		stin := string(fixtureFile(t, "hn-stin.xml"))
		if _, _, err := db.AddCitizen(ctx, workflow.System("test"), data.NewCitizen{CPR: "020202-2222", Name: "Anden Kommune",
			Municipality: 101}, f.now); err != nil {
			t.Fatal(err)
		}
		for i, cpr := range []string{"0101451236", "1111111118", "0202022222"} {
			raw := strings.Replace(strings.Replace(stin, "2509479989", cpr, 1), hSTIN, "00000000-0000-4000-8000-00000000000"+string(rune('1'+i)), -1)
			rc := f.receive(t, []byte(raw), medcom.AckOK)
			wantReceipt(t, rc, workflow.MessageNotRelevant, "")
			if rc.Message.CaseID != "" || rc.Case != nil {
				t.Errorf("%s: touched case %q", cpr, rc.Message.CaseID)
			}
		}
		wantState(t, f, workflow.StateActive, "")
		log := dbtest.Must(db.MessageLog(ctx, workflow.System("test"), data.MessageLogFilter{}))(t)
		if len(log) != 3 {
			t.Errorf("message log has %d", len(log))
		}
	})
}

// TestReceiveBroken: each broken message is refused with a fatal-error
// acknowledgement naming the problem; only the refused message is stored.
func TestReceiveBroken(t *testing.T) {
	stin := func(t *testing.T) string { return string(fixtureFile(t, "hn-stin.xml")) }
	for _, tc := range []struct {
		name string
		in   func(t *testing.T) string
		want string
	}{
		{"not xml or json", func(*testing.T) string { return "message_id;case\nHN-1;x\n" }, "hverken FHIR XML eller FHIR JSON"},
		{"not a bundle", func(*testing.T) string { return `{"resourceType":"Patient","id":"x"}` }, "ikke en FHIR Bundle"},
		{"not a message", func(t *testing.T) string {
			return strings.Replace(stin(t), `<type value="message"/>`, `<type value="document"/>`, 1)
		}, "Bundle.type"},
		{"unknown event", func(t *testing.T) string {
			return strings.Replace(stin(t), "hospital-notification-message", "homecareobservation-message", 1)
		}, "modtager ikke denne meddelelsestype"},
		{"no cpr", func(t *testing.T) string { return strings.Replace(stin(t), "urn:oid:1.2.208.176.1.2", "urn:oid:x", 1) }, "intet CPR-nummer"},
		{"impossible time", func(t *testing.T) string {
			return strings.Replace(stin(t), "2022-12-07T12:00:00+02:00", "2022-13-07T12:00:00+02:00", 1)
		}, "ikke et muligt tidspunkt"},
		{"in the future", func(t *testing.T) string {
			return strings.Replace(stin(t), "2022-12-07T12:00:00+02:00", "2032-12-07T12:00:00+02:00", 1)
		}, "ligger i fremtiden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				ctx := context.Background()
				f := newMedcomFixture(t, db)
				f.now = f.now.AddDate(0, 0, 10)
				periods := f.periods(t)
				rc := f.receive(t, []byte(tc.in(t)), medcom.AckFatalError)
				if rc.Message.Status != workflow.MessageRefused || !strings.Contains(rc.Message.Problem, tc.want) || rc.Message.CaseID != "" {
					t.Fatalf("stored %+v", rc.Message)
				}
				wantState(t, f, workflow.StateActive, "")
				if got := f.periods(t); strings.Join(got, "|") != strings.Join(periods, "|") {
					t.Errorf("a refused message changed the rolls")
				}
				if ms := dbtest.Must(db.CaseMessages(ctx, f.nurse, f.c.ID))(t); len(ms) != 0 {
					t.Errorf("a refused message is on the case")
				}
				log := dbtest.Must(db.MessageLog(ctx, workflow.System("test"), data.MessageLogFilter{}))(t)
				if len(log) != 1 || log[0].Status != workflow.MessageRefused || log[0].AckCode != medcom.AckFatalError {
					t.Errorf("message log %+v", log)
				}
			})
		})
	}
}

// TestReceiveDischargeOfManualPause: a case paused by hand stays paused
// when the hospital discharges; the nurse gets a worklist item.
func TestReceiveDischargeOfManualPause(t *testing.T) {
	for _, reason := range []string{"citizen_away", "hospital_admission"} {
		t.Run(reason, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				ctx := context.Background()
				f := newMedcomFixture(t, db)
				f.now = dkTime(t, 2022, 12, 6, 10, 0)
				dbtest.Must(f.sv.Pause(ctx, f.nurse, f.c.ID, reason, ""))(t)
				wantReceipt(t, f.receive(t, fixtureFile(t, "hn-stin.xml"), medcom.AckOK), workflow.MessageRecorded, "")
				rc := f.receive(t, fixtureFile(t, "hn-slhj-imp.xml"), medcom.AckOK)
				wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectNurse)
				wantState(t, f, workflow.StatePaused, reason)
				w := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
				found := false
				for _, it := range w.Items {
					found = found || it.Kind == workflow.WorkHospitalCheck && it.CaseID == f.c.ID
				}
				if !found {
					t.Errorf("no worklist item: %+v", w.Items)
				}
			})
		})
	}
}

// TestReceiveCancelledDeath: a cancelled death cannot reopen the ended
// case; the nurse gets a worklist item.
func TestReceiveCancelledDeath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newMedcomFixture(t, db)
		f.receive(t, fixtureFile(t, "hn-stin.json"), medcom.AckOK)
		f.receive(t, fixtureFile(t, "hn-mors-imp.json"), medcom.AckOK)
		cancel := edited(t, "hn-mors-imp.json", "00000000-0000-4000-8000-00000000dead", "cancel-admit-inpatient",
			"hefc6d95-6161-4493-99c9-f359488dedb8")
		rc := f.receive(t, cancel, medcom.AckOK)
		wantReceipt(t, rc, workflow.MessageApplied, workflow.EffectNurse)
		wantState(t, f, workflow.StateEnded, "death")
		w := dbtest.Must(db.Worklist(ctx, f.nurse, f.now, workflow.DefaultSettings()))(t)
		if len(w.Items) != 1 || w.Items[0].Kind != workflow.WorkHospitalCheck {
			t.Errorf("worklist %+v", w.Items)
		}
	})
}

// TestReceiveConcurrentRepeat: the same message received twice at once is
// applied once; the other is a duplicate.
func TestReceiveConcurrentRepeat(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newMedcomFixture(t, db)
		f.now = dkTime(t, 2022, 12, 7, 12, 0)
		raw := fixtureFile(t, "hn-stin.xml")
		results := make(chan workflow.Receipt, 4)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				rc, err := f.sv.ReceiveMessage(ctx, f.nurse, raw, "test")
				results <- rc
				errs <- err
			}()
		}
		applied := 0
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
			rc := <-results
			checkAck(t, rc, medcom.AckOK)
			if !rc.Duplicate {
				applied++
			}
		}
		if applied != 1 {
			t.Errorf("applied %d times", applied)
		}
		wantState(t, f, workflow.StatePaused, "hospital_admission")
	})
}
