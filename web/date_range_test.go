package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestImpossibleDatesRefused: a move dated decades back and a hospital
// notice from 2000 were stored; they are refused naming the field, the
// value and the allowed range in dd-mm-yyyy (English on English pages),
// and nothing is stored. Today is 27-11-2026, the case was opened today.
func TestImpossibleDatesRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		hospital := "/cases/" + f.case851.ID + "/hospital"
		for _, tc := range []struct {
			name, path string
			form       url.Values
			lang, want string
		}{
			{"a move decades back", "/citizens/move", url.Values{"cpr": {"020250-1234"}, "moved_on": {"01-01-1990"}}, "da",
				"Flyttedato: 01-01-1990 skal ligge fra 29-08-2026 til 27-11-2026"},
			{"a move tomorrow", "/citizens/move", url.Values{"cpr": {"020250-1234"}, "moved_on": {"28-11-2026"}}, "en",
				"Moving date: 28-11-2026 must lie from 29-08-2026 to 27-11-2026"},
			{"an admission in 2000", hospital, url.Values{"kind": {"admission"}, "at_date": {"01-01-2000"}, "at_time": {"08:00"}}, "da",
				"Tidspunkt: 01-01-2000 08:00 skal ligge fra 27-11-2026 til 27-11-2026"},
			{"a discharge before the case was opened", hospital, url.Values{"kind": {"discharge"}, "at_date": {"20-11-2026"}}, "en",
				"Time: 20-11-2026 12:00 must lie from 27-11-2026 to 27-11-2026"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := nurse
				if tc.lang == "en" {
					c = newClient(t, s).login("nurse")
					c.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
				}
				st, body, _ := c.post(tc.path, tc.form)
				if text := visibleText(body); st != http.StatusUnprocessableEntity || !strings.Contains(text, tc.want) {
					i := max(0, strings.Index(text, "ligge")-80)
					t.Errorf("%d %s, want 422 with %q", st, text[i:min(len(text), i+300)], tc.want)
				}
			})
		}
		if n := countRows(t, db, "citizen_moves", "1 = 1"); n != 0 {
			t.Errorf("%d moves stored", n)
		}
		if n := countRows(t, db, "hospital_notifications", "1 = 1"); n != 0 {
			t.Errorf("%d hospital notifications stored", n)
		}
	})
}
