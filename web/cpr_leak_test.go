package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestCPRExistenceDoesNotLeak: a nurse in Aalborg looking up or registering
// a CPR number that exists in København is never told "findes allerede" nor
// shown the citizen: she is offered the move between municipalities (issue
// 15), and the attempt is logged against the existing citizen; a number in
// her own municipality is named as existing.
func TestCPRExistenceDoesNotLeak(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		if st, body, _ := nurse.post("/citizens/find", url.Values{"cpr": {"020250-1234"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "flyt borgeren hertil") || strings.Contains(body, "Bo Andersen") {
			t.Fatalf("lookup across municipalities: %d", st)
		}
		st, body, _ := nurse.post("/citizens/new", url.Values{"cpr": {"020250-1234"}, "name": {"Bo Andersen"}, "municipality": {"851"}})
		if st != http.StatusUnprocessableEntity || strings.Contains(body, "findes allerede") || !(strings.Contains(body, "kan ikke registreres i din kommune") || strings.Contains(body, "flyt borgeren hertil")) {
			t.Errorf("register a number of another municipality: %d %s", st, excerpt(body))
		}
		if n := countRows(t, db, "access_log", "what = ? AND citizen_id = ? AND actor = ?",
			"citizen.add.refused.other_municipality", f.citizen101.ID, "nurse"); n != 1 {
			t.Errorf("%d access-log rows for the attempt, want 1", n)
		}
		if n := countRows(t, db, "citizens", "cpr = ?", "0202501234"); n != 1 {
			t.Errorf("%d citizens with the number", n)
		}
		st, body, _ = nurse.post("/citizens/new", url.Values{"cpr": {"010145-1236"}, "name": {"Karen J"}, "municipality": {"851"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "findes allerede i din kommune") {
			t.Errorf("register a number of her own municipality: %d %s", st, excerpt(body))
		}
	})
}

// TestCPRRefusalInTheUsersLanguage: a mistyped CPR number on the nurse's
// lookup is refused with what is wrong in Danish on a Danish screen (no
// English detail from the parser), and in English on an English one.
func TestCPRRefusalInTheUsersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		st, body, _ := nurse.post("/citizens/find", url.Values{"cpr": {"011390-1234"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "CPR-nummeret er ugyldigt: måned 13 findes ikke (01-12)") ||
			strings.Contains(body, "is not a month") {
			t.Errorf("Danish lookup of a 13th month: %d %s", st, excerpt(body))
		}
		nurse.post("/lang", url.Values{"lang": {"en"}, "back": {"/citizens/find"}})
		st, body, _ = nurse.post("/citizens/find", url.Values{"cpr": {"300290-1234"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "invalid CPR number: day 30 is not a day of February 1990") {
			t.Errorf("English lookup of 30 February: %d %s", st, excerpt(body))
		}
	})
}
