package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

var requestKeyRE = regexp.MustCompile(`name="request_key" value="([^"]+)"`)

// TestUrgentRequestOnce: the urgent-roll form submitted 20 times at once
// (a double click, retries) orders one roll; 20 identical requests from 20
// renderings of the form at once order one too; a request for another time
// is a second roll. On the real server, on both engines.
func TestUrgentRequestOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		formFor := func(date string) url.Values {
			_, body := nurse.get("/cases/" + f.case851.ID)
			m := requestKeyRE.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("the urgent-roll form carries no request key")
			}
			return url.Values{"reason": {"medication_change"}, "needed_date": {date}, "needed_time": {"10:00"},
				"note": {"ny dosis"}, "request_key": {m[1]}, "csrf_token": {nurse.csrf()}}
		}
		fire := func(forms []url.Values) map[int]int {
			var wg sync.WaitGroup
			var mu sync.Mutex
			statuses := map[int]int{}
			for _, fm := range forms {
				wg.Go(func() {
					st, _, _, err := nurse.postRaw("/cases/"+f.case851.ID+"/urgent", fm)
					if err != nil {
						st = -1
					}
					mu.Lock()
					statuses[st]++
					mu.Unlock()
				})
			}
			wg.Wait()
			return statuses
		}
		open := func() int {
			return countRows(t, db, "urgent_rolls", "case_id = ? AND status IN ('requested', 'accepted', 'packed')", f.case851.ID)
		}
		same := formFor("30-11-2026")
		if st := fire(repeat(same, 20)); st[http.StatusSeeOther] != 20 {
			t.Errorf("one form 20 times: %v", st)
		}
		if n := open(); n != 1 {
			t.Fatalf("one form submitted 20 times ordered %d rolls", n)
		}
		var renderings []url.Values
		for range 20 {
			renderings = append(renderings, formFor("30-11-2026"))
		}
		if st := fire(renderings); st[http.StatusSeeOther] != 20 {
			t.Errorf("20 identical requests: %v", st)
		}
		if n := open(); n != 1 {
			t.Errorf("20 identical requests at once ordered %d more rolls", n-1)
		}
		_, body := nurse.get("/cases/" + f.case851.ID)
		if !strings.Contains(body, "Den samme akutrulle blev allerede bestilt 27-11-2026 10:00") {
			t.Errorf("no note that the roll was already requested: %s", excerpt(body))
		}
		if st := fire([]url.Values{formFor("01-12-2026")}); st[http.StatusSeeOther] != 1 || open() != 2 {
			t.Errorf("a request for another day: %v, %d open", st, open())
		}
	})
}

func repeat(v url.Values, n int) []url.Values {
	out := make([]url.Values, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// TestUrgentRequestWithAbsurdLeadTime: a pharmacy whose stored lead time is
// out of range (saved before settings were checked) gets a clear 422 on an
// urgent request, at once; the request used to spin at 100 % CPU for ever.
func TestUrgentRequestWithAbsurdLeadTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		activate(t, nurse, f.case851.ID, f.pharmacy851.ID)
		if _, err := db.Bun().NewUpdate().Table("pharmacies").Set("lead_time_hours = ?", 2_000_000_000).
			Where("id = ?", f.pharmacy851.ID).Exec(t.Context()); err != nil {
			t.Fatal(err)
		}
		st, body, _ := nurse.post("/cases/"+f.case851.ID+"/urgent", url.Values{"reason": {"medication_change"},
			"needed_date": {"30-11-2026"}, "needed_time": {"10:00"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "arbejdstimer, over grænsen på 87840") {
			t.Errorf("urgent request at a pharmacy with a 2,000,000,000-hour lead time: %d %s", st, excerpt(body))
		}
		if n := countRows(t, db, "urgent_rolls", "case_id = ?", f.case851.ID); n != 0 {
			t.Errorf("%d urgent rolls stored", n)
		}
	})
}
