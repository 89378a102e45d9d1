package workflow_test

import (
	"encoding/json"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// edited returns a JSON fixture as a new message: header id, the activity
// code of its own Provenance and (when set) the message it refers to.
func edited(t *testing.T, file, header, activity, refers string) []byte {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal(fixtureFile(t, file), &b); err != nil {
		t.Fatal(err)
	}
	var old string
	for _, e := range b["entry"].([]any) {
		r := e.(map[string]any)["resource"].(map[string]any)
		if r["resourceType"] == "MessageHeader" {
			old = r["id"].(string)
			r["id"] = header
			e.(map[string]any)["fullUrl"] = "MessageHeader/" + header
		}
	}
	for _, e := range b["entry"].([]any) {
		r := e.(map[string]any)["resource"].(map[string]any)
		if r["resourceType"] != "Provenance" {
			continue
		}
		tg := r["target"].([]any)[0].(map[string]any)
		if tg["reference"] != "MessageHeader/"+old {
			continue
		}
		tg["reference"] = "MessageHeader/" + header
		r["activity"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"] = activity
		if refers != "" {
			r["entity"] = []any{map[string]any{"role": "revision", "what": map[string]any{"reference": "MessageHeader/" + refers}}}
		}
	}
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Header ids of the standard's examples.
const (
	hSTIN = "b9b4818e-02de-4cc4-b418-d20cbc7b5404"
	hSTOR = "e563a2b2-bf92-4b13-bbd2-0a021a95bded"
	hSLOR = "f47254da-f170-46f0-b624-4778a9c92b1f"
	hSLHJ = "g1affa53-c157-4080-abb0-8e681524f969"
	hSTAA = "i50fc5fe-2d11-4ef3-acac-2e2e5c6c0029"
	hSLHE = "m9bea09c-e662-4d59-b84f-9af570b57f42"
)

// TestReceiveEachActivityCode receives every code of the HospitalNotification
// activity value set, after the messages it follows, and checks what it did
// to the case and its acknowledgement.
func TestReceiveEachActivityCode(t *testing.T) {
	stin, stor, slor, slhj := "hn-stin.json", "hn-stor.json", "hn-slor.json", "hn-slhj-imp.json"
	staa, slhe := "hn-staa.json", "hn-slhj-emer.json"
	cases := []struct {
		code, base, refers string
		before             []string
		status, effect     string
		state              workflow.State
	}{
		{"admit-inpatient", stin, "", nil, workflow.MessageApplied, workflow.EffectPaused, workflow.StatePaused},
		{"revise-admit-inpatient", "hn-re-stin.json", hSTIN, []string{stin}, workflow.MessageApplied, workflow.EffectRevised, workflow.StatePaused},
		{"cancel-admit-inpatient", "hn-an-stin.json", hSTIN, []string{stin}, workflow.MessageApplied, workflow.EffectUndone, workflow.StateActive},
		{"admit-emergency", staa, "", nil, workflow.MessageApplied, workflow.EffectPaused, workflow.StatePaused},
		{"revise-admit-emergency", staa, hSTAA, []string{staa}, workflow.MessageApplied, workflow.EffectRevised, workflow.StatePaused},
		{"cancel-admit-emergency", staa, hSTAA, []string{staa}, workflow.MessageApplied, workflow.EffectUndone, workflow.StateActive},
		{"start-leave-inpatient", stor, "", []string{stin}, workflow.MessageRecorded, "", workflow.StatePaused},
		{"revise-start-leave-inpatient", stor, hSTOR, []string{stin, stor}, workflow.MessageApplied, workflow.EffectRevised, workflow.StatePaused},
		{"cancel-start-leave-inpatient", stor, hSTOR, []string{stin, stor}, workflow.MessageRecorded, "", workflow.StatePaused},
		{"end-leave-inpatient", slor, "", []string{stin, stor}, workflow.MessageRecorded, "", workflow.StatePaused},
		{"revise-end-leave-inpatient", slor, hSLOR, []string{stin, stor, slor}, workflow.MessageApplied, workflow.EffectRevised, workflow.StatePaused},
		{"cancel-end-leave-inpatient", slor, hSLOR, []string{stin, stor, slor}, workflow.MessageRecorded, "", workflow.StatePaused},
		{"discharge-inpatient-home", slhj, "", []string{stin}, workflow.MessageApplied, workflow.EffectResumed, workflow.StateActive},
		{"revise-discharge-inpatient-home", slhj, hSLHJ, []string{stin, slhj}, workflow.MessageApplied, workflow.EffectRevised, workflow.StateActive},
		{"cancel-discharge-inpatient-home", slhj, hSLHJ, []string{stin, slhj}, workflow.MessageApplied, workflow.EffectUndone, workflow.StatePaused},
		{"discharge-emergency-home", slhe, "", []string{staa}, workflow.MessageApplied, workflow.EffectResumed, workflow.StateActive},
		{"revise-discharge-emergency-home", slhe, hSLHE, []string{staa, slhe}, workflow.MessageApplied, workflow.EffectRevised, workflow.StateActive},
		{"cancel-discharge-emergency-home", slhe, hSLHE, []string{staa, slhe}, workflow.MessageApplied, workflow.EffectUndone, workflow.StatePaused},
	}
	if len(cases) != len(medcom.HospitalActivities()) {
		t.Fatalf("%d cases for %d codes", len(cases), len(medcom.HospitalActivities()))
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				f := newMedcomFixture(t, db)
				for _, b := range tc.before {
					f.receive(t, fixtureFile(t, b), medcom.AckOK)
				}
				raw := fixtureFile(t, tc.base)
				if tc.refers != "" || len(tc.before) > 0 && tc.before[len(tc.before)-1] == tc.base {
					raw = edited(t, tc.base, "00000000-0000-4000-8000-"+tc.code[:min(12, len(tc.code))], tc.code, tc.refers)
				}
				rc := f.receive(t, raw, medcom.AckOK)
				if rc.Message.Activity != tc.code {
					t.Fatalf("activity %q", rc.Message.Activity)
				}
				wantReceipt(t, rc, tc.status, tc.effect)
				if s, _ := f.state(t); s != tc.state {
					t.Fatalf("case %s, want %s", s, tc.state)
				}
			})
		})
	}
}
