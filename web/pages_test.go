package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestConsentRefusedThenRecorded: a refused consent shows every unmet
// guard in Danish and keeps what was typed; a valid one lands in the
// timeline.
func TestConsentRefusedThenRecorded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		c := newClient(t, s).login("nurse")
		path := "/cases/" + f.case851.ID + "/consent"
		st, body, _ := c.post(path, url.Values{"given_by": {"guardian"}, "method": {"tacit"},
			"given_at": {"27-11-2026"}, "note": {"typed note"}})
		if st != http.StatusUnprocessableEntity {
			t.Fatalf("refused consent: %d", st)
		}
		for _, want := range []string{"navnet på værge eller pårørende mangler", "stedfortrædende samtykke skal være udtrykkeligt",
			`value="typed note"`, `value="guardian" selected`, `value="tacit" selected`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused form lacks %q", want)
			}
		}
		st, _, loc := c.post(path, url.Values{"given_by": {"citizen"}, "method": {"written"}, "given_at": {"26-11-2026"}})
		if st != http.StatusSeeOther || loc != "/cases/"+f.case851.ID {
			t.Fatalf("consent: %d %q", st, loc)
		}
		_, body = c.get("/cases/" + f.case851.ID)
		for _, want := range []string{"Samtykke givet", `Borgeren selv · Skriftligt · <span class="nobr">26-11-2026</span>`, "Registreret."} {
			if !strings.Contains(body, want) {
				t.Errorf("case page lacks %q", want)
			}
		}
		// The transition refused in the wrong state names the state guard.
		st, body, _ = c.post("/cases/"+f.case851.ID+"/resume", nil)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "sagen skal være i en af tilstandene") {
			t.Errorf("resume in the wrong state: %d %s", st, excerpt(body))
		}
	})
}

// TestNameIsEscaped: a name containing markup is shown as text.
func TestNameIsEscaped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, `<script>alert("x")</script>`)
		c := newClient(t, s).login("nurse")
		for _, p := range []string{"/cases/" + f.case851.ID, "/citizens/" + f.citizen851.ID, "/cases"} {
			_, body := c.get(p)
			if strings.Contains(body, "<script>") || !strings.Contains(body, "&lt;script&gt;") {
				t.Errorf("%s: the name is not escaped", p)
			}
		}
	})
}

// TestNoCPRInLogs: a CPR lookup and a refused registration leave no CPR
// number in the request log.
func TestNoCPRInLogs(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	s := start(t, db)
	setup(t, db, "Karen Jensen")
	c := newClient(t, s).login("nurse")
	c.post("/citizens/find", url.Values{"cpr": {"010145-1236"}})
	c.post("/citizens/find", url.Values{"cpr": {"311399-9999"}})
	c.post("/citizens/new", url.Values{"cpr": {"010145-1236"}, "name": {"Dup"}})
	// A name typed into the CPR field is quoted in the refusal's message,
	// which the user sees but the log must not.
	c.post("/citizens/new", url.Values{"cpr": {"Jens Hansen"}, "name": {"X"}, "municipality": {"851"}})
	log := s.log.String()
	if !strings.Contains(log, "route=\"POST /citizens/find\"") {
		t.Fatalf("no request lines logged:\n%s", log)
	}
	for _, cpr := range []string{"0101451236", "010145-1236", "311399", "Karen", "Jens Hansen"} {
		if strings.Contains(log, cpr) {
			t.Errorf("the log contains %q", cpr)
		}
	}
}

// TestAdminPages: an admin adds a user with a generated password, edits a
// pharmacy's settings, and reads the access log.
func TestAdminPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		nurse.get("/cases/" + f.case851.ID)
		a := newClient(t, s).login("admin")
		st, body, _ := a.post("/admin/users", url.Values{"username": {"ny"}, "name": {"Ny Bruger"}, "role": {"lead"}, "municipality": {"851"}})
		if st != http.StatusOK || !strings.Contains(body, "vises kun denne ene gang") {
			t.Fatalf("add user: %d %s", st, excerpt(body))
		}
		st, body, _ = a.post("/admin/users", url.Values{"username": {"ny2"}, "name": {"X"}, "role": {"pharmacy"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "apotekspersonale skal have et apotek") {
			t.Errorf("pharmacy user without pharmacy: %d", st)
		}
		path := "/admin/pharmacies/" + f.pharmacy851.ID
		st, _, _ = a.post(path, url.Values{"name": {"Aalborg Apotek"}, "period_days": {"7"}, "deadline_days": {"2"},
			"lead_hours": {"16"}, "closing_days": {"24-12,31-12"}})
		if st != http.StatusSeeOther {
			t.Fatalf("save pharmacy: %d", st)
		}
		_, body = a.get("/admin/pharmacies")
		if !strings.Contains(body, "24-12,31-12") || !strings.Contains(body, ">16<") {
			t.Error("pharmacy settings not saved")
		}
		if st, body, _ := a.post(path, url.Values{"name": {"X"}, "period_days": {"9"}, "deadline_days": {"2"}, "lead_hours": {"16"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, `value="X"`) {
			t.Errorf("bad period: %d", st)
		}
		_, body = a.get("/admin/access")
		if !strings.Contains(body, "Sagsside") || !strings.Contains(body, "010145-XXXX") {
			t.Error("the access log lacks the nurse's view of the case")
		}
	})
}
