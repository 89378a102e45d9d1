package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestPharmacyQueueScopeAndSteps: pharmacy staff see only their pharmacy's
// urgent rolls, get 404 for another pharmacy's roll, and step their own
// through accept, packed and delivered; a step the status does not allow
// is refused.
func TestPharmacyQueueScopeAndSteps(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		ph := newClient(t, s).login("pharmacy")
		st, body := ph.get("/pharmacy")
		if st != http.StatusOK || !strings.Contains(body, `id="urgent-`+f.urgent851.ID+`"`) {
			t.Fatalf("queue: %d, own urgent roll missing", st)
		}
		if strings.Contains(body, f.urgent101.ID) || strings.Contains(body, "Bo København") {
			t.Error("the queue shows another pharmacy's urgent roll")
		}
		if strings.Contains(body, "1236") {
			t.Error("the queue shows a full CPR number")
		}
		for _, step := range []string{"accept", "reject", "packed", "delivered"} {
			if st, _, _ := ph.post("/urgent/"+f.urgent101.ID+"/"+step, url.Values{"reason": {"x"}}); st != http.StatusNotFound {
				t.Errorf("%s another pharmacy's roll: %d, want 404", step, st)
			}
		}
		if st, _, _ := ph.post("/urgent/"+f.urgent851.ID+"/delivered", nil); st != http.StatusUnprocessableEntity {
			t.Errorf("deliver before accept: %d, want 422", st)
		}
		for _, step := range []string{"accept", "packed", "delivered"} {
			if st, body, loc := ph.post("/urgent/"+f.urgent851.ID+"/"+step, nil); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/pharmacy") {
				t.Fatalf("%s: %d %q %s", step, st, loc, excerpt(body))
			}
		}
		nurse := newClient(t, s).login("nurse")
		_, body = nurse.get("/cases/" + f.case851.ID)
		for _, want := range []string{"leveret", "accepteret", "pakket", "Akutrulle skal modtagekontrolleres"} {
			if want == "Akutrulle skal modtagekontrolleres" {
				_, home := nurse.get("/")
				if !strings.Contains(home, want) {
					t.Errorf("the nurse's worklist lacks %q", want)
				}
				continue
			}
			if !strings.Contains(body, want) {
				t.Errorf("the case page's urgent-roll history lacks %q", want)
			}
		}
	})
}

// TestRollFormsScope: a nurse of another municipality gets 404 on every
// new case form of an Aalborg case, as for a case that does not exist.
func TestRollFormsScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		other := newClient(t, s).login("nurse101")
		posts := map[string]url.Values{
			"receipt":        {"seq": {"1"}},
			"urgent-receipt": {"urgent": {f.urgent851.ID}},
			"change":         {"description": {"Furosemid"}, "effective": {"01-12-2026"}},
			"urgent":         {"reason": {"lost_or_damaged"}, "needed_date": {"30-11-2026"}},
			"urgent-cancel":  {"urgent": {f.urgent851.ID}},
			"hospital":       {"kind": {"admission"}, "at_date": {"27-11-2026"}},
			"gp-redirect":    nil,
		}
		for p, form := range posts {
			if st, _, _ := other.post("/cases/"+f.case851.ID+"/"+p, form); st != http.StatusNotFound {
				t.Errorf("POST %s on another municipality's case: %d, want 404", p, st)
			}
		}
		// Cancelling another case's urgent roll through one's own case is refused too.
		if st, _, _ := other.post("/cases/"+f.case101.ID+"/urgent-cancel", url.Values{"urgent": {f.urgent851.ID}}); st != http.StatusNotFound {
			t.Errorf("cancel through another case: %d, want 404", st)
		}
	})
}

// TestNewFormsNeedCSRF: every new state-changing form is refused without
// the session's token.
func TestNewFormsNeedCSRF(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		users := map[string]string{
			"/cases/" + f.case851.ID + "/change":                       "nurse",
			"/cases/" + f.case851.ID + "/urgent":                       "nurse",
			"/cases/" + f.case851.ID + "/receipt":                      "nurse",
			"/cases/" + f.case851.ID + "/hospital":                     "nurse",
			"/urgent/" + f.urgent851.ID + "/accept":                    "pharmacy",
			"/pharmacy/delivered":                                      "pharmacy",
			"/admin/eligibility":                                       "admin",
			"/admin/params":                                            "admin",
			"/admin/params/edit":                                       "admin",
			"/admin/eligibility/edit":                                  "admin",
			"/admin/pharmacies/" + f.pharmacy851.ID + "/closed":        "admin",
			"/admin/pharmacies/" + f.pharmacy851.ID + "/closed/remove": "admin",
		}
		clients := map[string]*client{}
		for path, u := range users {
			if clients[u] == nil {
				clients[u] = newClient(t, s).login(u)
			}
			if st, _, _ := clients[u].post(path, url.Values{"csrf_token": {""}}); st != http.StatusForbidden {
				t.Errorf("POST %s without a token: %d, want 403", path, st)
			}
		}
		// Nothing happened: the urgent roll is still requested.
		_, body := clients["pharmacy"].get("/pharmacy")
		if !strings.Contains(body, `/urgent/`+f.urgent851.ID+`/accept`) {
			t.Error("the urgent roll changed despite the refused form")
		}
	})
}

// TestMedicationChangePrefillsUrgentRoll: a change effective today missed
// its roll's deadline, so the page explains the decision and comes back
// with the urgent-roll request filled in.
func TestMedicationChangePrefillsUrgentRoll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		nurse := newClient(t, s).login("nurse")
		st, body, _ := nurse.post("/cases/"+f.case851.ID+"/change", url.Values{"description": {"Furosemid 40 → 20 mg"}, "effective": {"27-11-2026"}})
		if st != http.StatusOK {
			t.Fatalf("change: %d %s", st, excerpt(body))
		}
		for _, want := range []string{`class="outcome"`, "akutrulle", `id="urgent-date" name="needed_date" required placeholder="dd-mm-åååå" value="27-11-2026"`, `value="medication_change" selected`} {
			if !strings.Contains(body, want) {
				t.Errorf("the change's answer lacks %q", want)
				if i := strings.Index(body, `class="outcome"`); i >= 0 {
					t.Log(body[i:min(len(body), i+600)])
				}
			}
		}
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/change", url.Values{"description": {"x"}, "effective": {"31-02-2026"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "dd-mm-åååå") {
			t.Errorf("a bad date: %d", st)
		}
		// A change effective in 2000 was recorded (and asked for an urgent roll).
		st, body, _ = nurse.post("/cases/"+f.case851.ID+"/change", url.Values{"description": {"x"}, "effective": {"27-11-2000"}})
		if want := "Gælder fra: 27-11-2000 skal ligge fra 30-10-2026 til 27-11-2027"; st != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
			t.Errorf("a change effective in 2000: %d, want %q", st, want)
		}
	})
}

// TestReceiptDeviationReachesPharmacy: the nurse's receipt control with a
// deviation shows on the case page and in the pharmacy's deviation list;
// a second receipt of the same roll is refused.
func TestReceiptDeviationReachesPharmacy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		nurse := newClient(t, s).login("nurse")
		form := url.Values{"seq": {"1"}, "deviation": {"late", "damaged"}, "note": {"kom om eftermiddagen"}}
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/receipt", form); st != http.StatusSeeOther {
			t.Fatalf("receipt: %d %s", st, excerpt(body))
		}
		if st, _, _ := nurse.post("/cases/"+f.case851.ID+"/receipt", form); st != http.StatusConflict {
			t.Errorf("second receipt: %d, want 409", st)
		}
		// Period 1 has ended and is received: a past period, shown with
		// its receipt on the case page's past periods (?past=1).
		_, body := nurse.get("/cases/" + f.case851.ID + "?past=1")
		if !strings.Contains(body, "Leveret for sent") || !strings.Contains(body, "kom om eftermiddagen") {
			t.Error("the case page does not show the receipt's deviations")
		}
		_, body = newClient(t, s).login("pharmacy").get("/pharmacy")
		if !strings.Contains(body, "Leveret for sent") || !strings.Contains(body, "Beskadiget rulle") {
			t.Error("the pharmacy does not see the deviations on its roll")
		}
	})
}

// TestPastPeriodsFolded: the case page reads and shows a case's past
// periods (received, ended before today) only when asked (?past=1); by
// default it links to them with their count. Both views are logged, and
// the two reads part the case's periods exactly as the full list.
func TestPastPeriodsFolded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		ctx, sys := context.Background(), workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		if _, err := svc.RecordReceipt(ctx, sys, f.case851.ID, 1, workflow.ReceiptInput{}); err != nil {
			t.Fatal(err)
		}
		all := dbtest.Must(db.CasePeriods(ctx, sys, f.case851.ID))(t)
		today := calendar.Today(t0)
		if !all[0].End.Before(today) || len(all) < 2 {
			t.Fatalf("fixture: period 1 ends %v, today %v, %d periods", all[0].End, today, len(all))
		}
		for _, withPast := range []bool{false, true} {
			fp := dbtest.Must(db.CaseFoldedPeriods(ctx, sys, f.case851.ID, today, withPast))(t)
			if fp.PastCount != 1 || len(fp.Current) != len(all)-1 || fp.Current[0].Seq != 2 {
				t.Errorf("withPast %v: %d past, current %+v", withPast, fp.PastCount, fp.Current)
			}
			if want := map[bool]int{false: 0, true: 1}[withPast]; len(fp.Past) != want || (want == 1 && fp.Past[0].Seq != 1) {
				t.Errorf("withPast %v: past read %+v", withPast, fp.Past)
			}
		}
		other := dbtest.Must(db.UserByUsername(ctx, "nurse101"))(t).Actor()
		if _, err := db.CaseFoldedPeriods(ctx, other, f.case851.ID, today, true); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("another municipality's case: %v, want not found", err)
		}
		nurse := newClient(t, s).login("nurse")
		_, body := nurse.get("/cases/" + f.case851.ID)
		if strings.Contains(body, `id="period-1"`) || !strings.Contains(body, `id="period-2"`) ||
			!strings.Contains(body, `href="/cases/`+f.case851.ID+`?past=1#past-periods">Tidligere perioder (1)</a>`) {
			t.Errorf("folded: want period 2 and a link to 1 past period: %s", excerpt(body))
		}
		_, body = nurse.get("/cases/" + f.case851.ID + "?past=1")
		if !strings.Contains(body, `<details id="past-periods" open>`) || !strings.Contains(body, `id="period-1"`) || !strings.Contains(body, `id="period-2"`) {
			t.Errorf("?past=1: want both periods, the past one unfolded: %s", excerpt(body))
		}
		if n := countRows(t, db, "access_log", "what = ? AND citizen_id = ?", "web.case", f.citizen851.ID); n != 2 {
			t.Errorf("%d case views logged, want 2", n)
		}
	})
}
