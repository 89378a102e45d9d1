package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestReceiptTimeFields: the receipt control's actual time is a
// dd-mm-yyyy date field and an hh:mm time field (no datetime-local input,
// which a browser shows in its own locale's format), read by the shared
// rule: bad input is refused in Danish naming the field and what was
// typed, and nothing is recorded; a good one is the time recorded.
func TestReceiptTimeFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		nurse := newClient(t, s).login("nurse")
		_, body := nurse.get("/cases/" + f.case851.ID)
		if strings.Contains(body, "datetime-local") {
			t.Error("the case page still has a datetime-local input")
		}
		for _, want := range []string{`name="at_date" placeholder="dd-mm-åååå"`, `name="at_time" placeholder="tt:mm"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the receipt form lacks %s", want)
			}
		}
		for _, tc := range []struct{ name, date, clock, want string }{
			{"a browser's US date", "11/27/2026", "09:45", `Modtaget: datoen "11/27/2026" skal skrives dd-mm-åååå`},
			{"the ISO form of datetime-local", "2026-11-27T09:45", "", `Modtaget: datoen "2026-11-27T09:45" skal skrives dd-mm-åååå`},
			{"no such day", "31-11-2026", "09:45", "Modtaget: datoen 31-11-2026 findes ikke"},
			{"a bad time", "27-11-2026", "9.3", `Modtaget: klokkeslættet "9.3" skal skrives tt:mm`},
			{"a date without a time", "27-11-2026", "", "Modtaget: skriv også klokkeslættet (tt:mm)"},
			{"in the future", "", "23:00", "ligger i fremtiden"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				st, body, _ := nurse.post("/cases/"+f.case851.ID+"/receipt", url.Values{"seq": {"1"}, "at_date": {tc.date}, "at_time": {tc.clock}})
				if st != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), tc.want) {
					t.Errorf("receipt at %q %q: %d, want 422 with %q\n%s", tc.date, tc.clock, st, tc.want, excerpt(body))
				}
			})
		}
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/receipt", url.Values{"seq": {"1"}, "at_date": {"27-11-2026"}, "at_time": {"09:45"}}); st != http.StatusSeeOther {
			t.Fatalf("receipt at 27-11-2026 09:45: %d %s", st, excerpt(body))
		}
		_, body = nurse.get("/cases/" + f.case851.ID + "?past=1")
		if !strings.Contains(body, "27-11-2026 09:45") {
			t.Errorf("the case page does not show the receipt at 27-11-2026 09:45:\n%s", excerpt(body))
		}
	})
}
