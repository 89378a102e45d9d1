package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestCasePageNamesActors: the case page names who did what by full name
// and role, in Danish and English: the nurse's consent and GP request on
// the timeline, the pharmacy staff's step of an urgent roll (by pharmacy),
// the nurse's receipt control, the command line as such; no bare username.
// The access log keeps the username for the admin.
func TestCasePageNamesActors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		ctx := context.Background()
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		nurse, pharmacy := f.users["nurse"].Actor(), f.users["pharmacy"].Actor()
		if _, err := svc.AcceptUrgentRoll(ctx, pharmacy, f.urgent851.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RecordReceipt(ctx, nurse, f.case851.ID, 1, workflow.ReceiptInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Pause(ctx, nurse, f.case851.ID, workflow.Reasons(workflow.EventPause)[0].Code, ""); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, s).login("nurse")
		_, body := c.get("/cases/" + f.case851.ID)
		tl := regexp.MustCompile(`(?s)<ol class="timeline">.*?</ol>`).FindString(body)
		for _, want := range []string{"(kommandolinjen (fixture))", "(Per Pharmacy, Aalborg Apotek)", "(Nina Nurse, sygeplejerske)"} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		for _, want := range []string{"(kommandolinjen (fixture))", "(Nina Nurse, sygeplejerske)"} {
			if !strings.Contains(tl, want) {
				t.Errorf("the timeline lacks %q:\n%s", want, tl)
			}
		}
		for _, bare := range []string{"(pharmacy", "(nurse)", "(nurse,", "cli:fixture"} {
			if strings.Contains(body, bare) {
				t.Errorf("the case page shows the bare actor id %q", bare)
			}
		}
		c.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		_, body = c.get("/cases/" + f.case851.ID)
		for _, want := range []string{"(command line (fixture))", "(Per Pharmacy, Aalborg Apotek)", "(Nina Nurse, nurse)"} {
			if !strings.Contains(body, want) {
				t.Errorf("the English case page lacks %q", want)
			}
		}
		_, log := newClient(t, s).login("admin").get("/admin/access")
		if !strings.Contains(log, "<td>nurse</td>") {
			t.Errorf("the access log does not show the username")
		}
	})
}
