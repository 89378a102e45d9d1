package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// oneCriterion is a valid rule set with a single criterion of its own.
const oneCriterion = `{"id": "aalborg", "version": "2026.1", "criteria": [{"id": "special", "fact": "special_fact",
 "op": "eq", "value": true, "severity": "required", "label_da": "Særligt Aalborg-kriterium",
 "label_en": "Special Aalborg criterion", "source": "Aalborg Kommune 2026",
 "messages_da": {}, "messages_en": {}}]}`

// TestAdminEligibilityRuleSet: a broken rule set is refused with the
// parser's problems and the text kept; a valid one is stored, and the
// municipality's nurses' eligibility form asks for its facts; reset
// returns to the default.
func TestAdminEligibilityRuleSet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		nurse := newClient(t, s).login("nurse")
		cases := []struct {
			name   string
			form   url.Values
			status int
			want   string
		}{
			{"not JSON", url.Values{"m": {"851"}, "base": {"0"}, "text": {"{nope"}}, http.StatusUnprocessableEntity, "{nope"},
			{"no criteria", url.Values{"m": {"851"}, "base": {"0"}, "text": {`{"id":"x","version":"1","criteria":[]}`}}, http.StatusUnprocessableEntity, "ingen kriterier"},
			{"no municipality", url.Values{"m": {"999"}, "base": {"0"}, "text": {oneCriterion}}, http.StatusUnprocessableEntity, "999"},
			{"valid", url.Values{"m": {"851"}, "base": {"0"}, "text": {oneCriterion}}, http.StatusSeeOther, ""},
		}
		for _, c := range cases {
			st, body, _ := admin.post("/admin/eligibility", c.form)
			if st != c.status || !strings.Contains(body, c.want) {
				t.Errorf("%s: %d, want %d with %q: %s", c.name, st, c.status, c.want, excerpt(body))
			}
		}
		_, body := nurse.get("/cases/" + f.case851.ID)
		if !strings.Contains(body, "Særligt Aalborg-kriterium") || !strings.Contains(body, `name="fact_special_fact"`) {
			t.Error("the nurse's eligibility form does not use the municipality's rule set")
		}
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/assess", url.Values{"fact_special_fact": {"true"}}); st != http.StatusSeeOther {
			t.Errorf("assess with the stored rule set: %d %s", st, excerpt(body))
		}
		_, body = admin.get("/admin/eligibility?m=851")
		if !strings.Contains(body, "aalborg 2026.1") {
			t.Error("the admin page does not show the stored rule set")
		}
		base := dbtest.Must(db.SettingVersion(context.Background(), data.SettingEligibility, 851))(t)
		if st, _, _ := admin.post("/admin/eligibility", url.Values{"m": {"851"}, "base": {"0"}, "reset": {"on"}}); st != http.StatusConflict {
			t.Errorf("reset over an old version: %d, want 409", st)
		}
		if st, _, _ := admin.post("/admin/eligibility", url.Values{"m": {"851"}, "base": {strconv.FormatInt(base, 10)}, "reset": {"on"}}); st != http.StatusSeeOther {
			t.Errorf("reset: %d", st)
		}
		if _, body := nurse.get("/cases/" + f.case851.ID); strings.Contains(body, `name="fact_special_fact"`) {
			t.Error("after reset the nurse still gets the stored rule set")
		}
	})
}

// TestAdminModelParams: a params file without a source is refused naming
// the field; a valid one is stored and shown with its source.
func TestAdminModelParams(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		bad := `{"default": {"hours_per_fte": {"value": 1600}}}`
		if st, body, _ := admin.post("/admin/params", url.Values{"base": {"0"}, "text": {bad}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Timer pr. årsværk (landsværdi): kilden mangler") {
			t.Errorf("missing source: %d %s", st, excerpt(body))
		}
		good := `{"default": {"hours_per_fte": {"value": 1600, "source": "Effektive timer, HR 2025"}}}`
		if st, body, _ := admin.post("/admin/params", url.Values{"base": {"0"}, "text": {good}}); st != http.StatusSeeOther {
			t.Fatalf("valid params: %d %s", st, excerpt(body))
		}
		_, body := admin.get("/admin/params")
		if !strings.Contains(body, "Effektive timer, HR 2025") || !strings.Contains(body, `value="1600"`) {
			t.Error("the stored parameters are not in force on the page")
		}
		if st, _ := newClient(t, s).login("lead").get("/reports"); st != http.StatusOK {
			t.Errorf("reports with stored params: %d", st)
		}
	})
}

// TestAdminClosedDates: an admin adds a pharmacy's one-off closed date,
// is refused a bad date and a duplicate, and removes it.
func TestAdminClosedDates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		path := "/admin/pharmacies/" + f.pharmacy851.ID + "/closed"
		if st, _, _ := admin.post(path, url.Values{"date": {"07-12-2026"}, "name": {"Statusdag"}}); st != http.StatusSeeOther {
			t.Fatalf("add: %d", st)
		}
		for name, date := range map[string]string{"bad date": "2026-12-07", "duplicate": "07-12-2026"} {
			if st, _, _ := admin.post(path, url.Values{"date": {date}}); st != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", name, st)
			}
		}
		_, body := admin.get(path)
		if !strings.Contains(body, "07-12-2026") || !strings.Contains(body, "Statusdag") {
			t.Error("the closed date is not listed")
		}
		if st, _, _ := admin.post(path+"/remove", url.Values{"date": {"07-12-2026"}}); st != http.StatusSeeOther {
			t.Errorf("remove: %d", st)
		}
		if st, _ := admin.get("/admin/pharmacies/NOSUCH/closed"); st != http.StatusNotFound {
			t.Errorf("unknown pharmacy: %d", st)
		}
	})
}
