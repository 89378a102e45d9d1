package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestRequestLogNamesRoute: the request log's line names the matched route
// pattern (never the raw path with its ids), and "(unmatched)" only for a
// path that matches no route.
func TestRequestLogNamesRoute(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	s := start(t, db)
	f := setup(t, db, "Karen Jensen")
	c := newClient(t, s).login("nurse")
	c.get("/healthz")
	c.get("/cases/" + f.case851.ID)
	if st, _ := c.get("/no/such/page"); st != http.StatusNotFound {
		t.Fatalf("unknown path: %d", st)
	}
	var lines []string
	for _, l := range strings.Split(s.log.String(), "\n") {
		if strings.Contains(l, "msg=request ") {
			lines = append(lines, l)
		}
	}
	for _, want := range []string{`route="GET /healthz"`, `route="GET /cases/{id}"`, `route="POST /login"`, `route="GET (unmatched)"`} {
		found := false
		for _, l := range lines {
			found = found || strings.Contains(l, want)
		}
		if !found {
			t.Errorf("no request line with %s in\n%s", want, strings.Join(lines, "\n"))
		}
	}
	if n := strings.Count(s.log.String(), "(unmatched)"); n != 1 {
		t.Errorf("%d lines say (unmatched), want 1 (the unknown path)", n)
	}
	if strings.Contains(s.log.String(), f.case851.ID) {
		t.Error("the log names a case id")
	}
}
