package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPharmacyOwnPages: pharmacy staff set their own lead time and closing
// days (refused values say what is wrong), print a day's packing list,
// read their delivery history and see each deviation with its citizen
// and period.
func TestPharmacyOwnPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setupRolls(t, db)
		c := newClient(t, s).login("pharmacy")
		for _, bad := range []struct {
			lead, closing, want string
		}{
			{"500", "24-12", "1–168"},
			{"abc", "24-12", "&#34;abc&#34; er ikke et helt antal timer"},
			{"24", "24-12, 31-02", "lukkedag 31-02 findes ikke"},
		} {
			st, body, _ := c.post("/pharmacy/settings", url.Values{"lead_time_hours": {bad.lead}, "closing_days": {bad.closing}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) || !strings.Contains(body, `value="`+bad.lead+`"`) {
				t.Errorf("settings %q %q: %d, want 422 with %q and the typed value; %s", bad.lead, bad.closing, st, bad.want, excerpt(body))
			}
		}
		if st, _, loc := c.post("/pharmacy/settings", url.Values{"lead_time_hours": {"36"}, "closing_days": {"24-12, 31-12"}}); st != http.StatusSeeOther || loc != "/pharmacy/settings" {
			t.Fatalf("settings save: %d %s", st, loc)
		}
		if ph := dbtest.Must(db.Pharmacy(context.Background(), f.pharmacy851.ID))(t); ph.LeadTimeHours != 36 || len(ph.ExtraClosingDays) != 2 {
			t.Errorf("stored pharmacy %+v", ph)
		}

		ps := dbtest.Must(db.CasePeriods(context.Background(), workflow.System("t"), f.case851.ID))(t)
		var next workflow.Period
		for _, p := range ps {
			if p.Packable() {
				next = p
				break
			}
		}
		st, body := c.get("/pharmacy/packing?day=" + next.Packing.Start().Format("2006-01-02"))
		if st != http.StatusOK || !strings.Contains(body, "Karen Jensen") || !strings.Contains(strings.ToLower(body), "010145-xxxx") ||
			!strings.Contains(body, next.Start.Format()) || strings.Contains(body, "Bo København") {
			t.Errorf("packing list of %s: %d %s", next.Packing.Format(), st, body[max(0, strings.Index(body, "<main")):])
		}
		if st, body := c.get("/pharmacy/packing?day=31-02-2026"); st != http.StatusUnprocessableEntity || !strings.Contains(body, "31-02-2026 findes ikke") {
			t.Errorf("packing list of 31-02: %d %s", st, excerpt(body))
		}
		if st, body := c.get("/pharmacy/deliveries"); st != http.StatusOK || !strings.Contains(body, "Karen Jensen") || !strings.Contains(body, "Ikke modtagekontrolleret endnu") {
			t.Errorf("deliveries: %d %s", st, excerpt(body))
		}

		nurse := newClient(t, s).login("nurse")
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/receipt", url.Values{"seq": {"1"}, "deviation": {"missing_pouch"}, "note": {"mangler mandag"}}); st != http.StatusSeeOther {
			t.Fatalf("receipt: %d %s", st, excerpt(body))
		}
		_, body = c.get("/pharmacy")
		i := strings.Index(body, `id="deviations"`)
		if i < 0 || !strings.Contains(body[i:], "Karen Jensen") || !strings.Contains(body[i:], "Periode 1:") || !strings.Contains(body[i:], "mangler mandag") {
			t.Errorf("the deviation is not traced to citizen and period: %s", body[max(i, 0):min(len(body), max(i, 0)+1500)])
		}
	})
}
