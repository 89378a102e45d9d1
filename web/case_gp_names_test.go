package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// TestCaseTimelineNamesGPs: the case page's timeline names the GP a request
// went to and, after a redirect to an absent GP's substitute, the
// substitute; a GP the case never involved is named nowhere.
func TestCaseTimelineNamesGPs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		ctx := context.Background()
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Lægerne Syd"}, t0))(t)
		_ = dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "067890", Name: "Lægerne Øst"}, t0))(t)
		sys := workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		today := calendar.DayOf(t0)
		if _, err := svc.RecordConsent(ctx, sys, f.case851.ID, workflow.ConsentInput{GivenBy: "citizen", Method: "written", GivenOn: today}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RequestGP(ctx, sys, f.case851.ID, ""); err != nil {
			t.Fatal(err)
		}
		_ = dbtest.Must(db.AddGPAbsence(ctx, data.NewGPAbsence{Ydernummer: "012345", From: today, To: today.AddDays(6),
			SubstituteYdernummer: "054321"}))(t)
		if _, _, err := svc.RedirectGPRequest(ctx, sys, f.case851.ID, "ferie"); err != nil {
			t.Fatal(err)
		}
		_, body := newClient(t, s).login("nurse").get("/cases/" + f.case851.ID)
		tl := regexp.MustCompile(`(?s)<ol class="timeline">.*?</ol>`).FindString(body)
		for _, want := range []string{"Anmodning sendt til lægen</strong> — Lægehuset Nord", "vikar: Lægerne Syd"} {
			if !strings.Contains(tl, want) {
				t.Errorf("the timeline lacks %q:\n%s", want, tl)
			}
		}
		if strings.Contains(body, "Lægerne Øst") {
			t.Errorf("a GP the case never involved is named on its page")
		}
	})
}

// TestCasePageNamesItsPharmacy: an approved case's start form offers every
// pharmacy, the case's municipality's first; once started, the page names
// the case's pharmacy and lists no other.
func TestCasePageNamesItsPharmacy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		ctx := context.Background()
		_ = dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Odense Apotek", Municipality: 461}, t0))(t)
		sys := workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		if _, err := svc.RecordConsent(ctx, sys, f.case851.ID, workflow.ConsentInput{GivenBy: "citizen", Method: "written",
			GivenOn: calendar.DayOf(t0)}, ""); err != nil {
			t.Fatal(err)
		}
		dbtest.Must(svc.RequestGP(ctx, sys, f.case851.ID, ""))(t)
		dbtest.Must(svc.RecordGPDecision(ctx, sys, f.case851.ID, workflow.GPDecision{Approved: true}))(t)
		nurse := newClient(t, s).login("nurse")
		_, body := nurse.get("/cases/" + f.case851.ID)
		sel := regexp.MustCompile(`(?s)<select id="pharmacy".*?</select>`).FindString(body)
		if a, o := strings.Index(sel, "Aalborg Apotek"), strings.Index(sel, "Odense Apotek"); a < 0 || o < a {
			t.Errorf("the start form's pharmacies, Aalborg's first: %s", sel)
		}
		dbtest.Must(svc.Start(ctx, sys, f.case851.ID, f.pharmacy851.ID, ""))(t)
		_, body = nurse.get("/cases/" + f.case851.ID)
		if !strings.Contains(body, "<dd>Aalborg Apotek</dd>") || strings.Contains(body, "Odense Apotek") {
			t.Errorf("the started case's page should name Aalborg Apotek and no other pharmacy")
		}
	})
}
