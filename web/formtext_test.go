package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// controlValues are the values that gave a 500 (NUL on PostgreSQL) or were
// stored raw (ESC, BEL, CR and LF in a name).
var controlValues = []string{"Karen\x00Jensen", "Kar\x1b[2Jen", "Karen\aJensen"}

// TestControlCharactersRefused: a NUL byte or control character in any
// field of any POST form, the anonymous sign-in form included, gets 422
// with a clear Danish message, never 500, and nothing of it is stored or
// logged as an error. Names and notes have length limits.
func TestControlCharactersRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		anon := newClient(t, s)
		for _, v := range controlValues {
			st, body, _ := anon.post("/login", url.Values{"username": {v}, "password": {"x"}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, "brugernavnet indeholder et kontroltegn") {
				t.Errorf("sign-in with %q: %d %s", v, st, excerpt(body))
			}
		}
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		for _, c := range []struct {
			name, want string
		}{
			{"Karen\r\nJensen", "navnet indeholder et kontroltegn (U&#43;000D) som tegn nr. 6"},
			{strings.Repeat("å", 201), "navnet er for lang: 201 tegn, højst 200"},
		} {
			st, body, _ := nurse.post("/citizens/new", url.Values{"cpr": {"050550-1234"}, "name": {c.name}, "municipality": {"851"}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) {
				t.Errorf("register %q: %d %s", c.name[:min(len(c.name), 20)], st, excerpt(body))
			}
		}
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/pause", url.Values{"reason": {"citizen_away"}, "note": {strings.Repeat("x", 2001)}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "noten er for lang") {
			t.Errorf("a 2001-character note: %d %s", st, excerpt(body))
		}
		submitted := 0
		for _, u := range []string{"nurse", "pharmacy", "admin"} {
			c := newClient(t, s).login(u)
			forms := map[string]form{}
			crawl(c, []string{"/", "/cases", "/cases/" + f.case851.ID, "/citizens/" + f.citizen851.ID}, func(_ string, _ int, body string) {
				for _, fm := range postForms(body) {
					if _, ok := forms[fm.Action]; !ok && !skipForm(fm.Action) {
						forms[fm.Action] = fm
					}
				}
			})
			for action, fm := range forms {
				for _, field := range fm.Text {
					for _, bad := range controlValues {
						v := url.Values{}
						for k, vs := range fm.Values {
							v[k] = append([]string(nil), vs...)
						}
						v.Set(field, bad)
						st, body, _ := c.post(action, v)
						submitted++
						if st != http.StatusUnprocessableEntity || !strings.Contains(body, "indeholder et kontroltegn") {
							t.Errorf("%s: POST %s with %q in %s: %d %s", u, action, bad, field, st, excerpt(body))
						}
					}
				}
			}
		}
		t.Logf("%d submissions with a control character, each refused with 422", submitted)
		if submitted < 20 {
			t.Errorf("only %d submissions: the crawl found too few forms", submitted)
		}
		var stored int
		if err := db.Bun().NewRaw("SELECT (SELECT COUNT(*) FROM citizens WHERE name LIKE ?) + (SELECT COUNT(*) FROM audit_events WHERE note LIKE ?)",
			"%\x1b%", "%\x1b%").Scan(context.Background(), &stored); err != nil || stored != 0 {
			t.Errorf("%d rows hold an ESC (%v)", stored, err)
		}
		if strings.Contains(s.log.String(), "level=ERROR") {
			t.Error("a refused value wrote an ERROR line to the log")
		}
	})
}

// TestPharmacyBadMunicipality: adding a pharmacy in a municipality that
// does not exist is refused with 422 naming the code, not 500.
func TestPharmacyBadMunicipality(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		st, body, _ := admin.post("/admin/pharmacies", url.Values{"name": {"Nyt Apotek"}, "municipality": {"999"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "kommunekoden 999 findes ikke") {
			t.Errorf("pharmacy in municipality 999: %d %s", st, excerpt(body))
		}
	})
}
