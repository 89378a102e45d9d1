package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// startedToday activates the fixture's Aalborg case at t0 at the Aalborg
// pharmacy: its first period is planned, its deadline not passed yet.
func startedToday(t *testing.T, db *data.DB, f fixture) workflow.Period {
	t.Helper()
	ctx := context.Background()
	sys := workflow.System("fixture")
	svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
	if _, err := svc.RecordConsent(ctx, sys, f.case851.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
		Method: "written", GivenOn: calendar.DayOf(t0)}, ""); err != nil {
		t.Fatal(err)
	}
	dbtest.Must(svc.RequestGP(ctx, sys, f.case851.ID, ""))(t)
	dbtest.Must(svc.RecordGPDecision(ctx, sys, f.case851.ID, workflow.GPDecision{Approved: true}))(t)
	dbtest.Must(svc.Start(ctx, sys, f.case851.ID, f.pharmacy851.ID, ""))(t)
	ps := dbtest.Must(db.CasePeriods(ctx, sys, f.case851.ID))(t)
	if len(ps) == 0 || ps[0].Status != workflow.PeriodPlanned || ps[0].Deadline.Before(calendar.DayOf(t0)) {
		t.Fatalf("the first period is not planned with its deadline ahead: %+v", ps)
	}
	return ps[0]
}

// TestPharmacyDeliversOnlyWhatItMay: the pharmacy page offers "Leveret"
// only on a period RecordDelivered accepts. A planned period before its
// deadline shows when it can be delivered instead of a button that ends on
// an error page quoting the status code ("planned"); a second click on a
// delivered period says it was already delivered, not "dispensed".
func TestPharmacyDeliversOnlyWhatItMay(t *testing.T) {
	codes := regexp.MustCompile(`\b(planned|ready|dispensed|received|not_dispensed)\b`)
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		first := startedToday(t, db, f)
		s := start(t, db)
		ph := newClient(t, s).login("pharmacy")
		seq := strconv.Itoa(first.Seq)
		button := `name="case" value="` + f.case851.ID + `"><input type="hidden" name="seq" value="` + seq + `"`

		_, body := ph.get("/pharmacy")
		if !strings.Contains(body, "Karen Jensen") {
			t.Fatalf("the period to pack is not on the page: %s", excerpt(visibleText(body)))
		}
		if strings.Contains(body, button) {
			t.Errorf("the page offers Leveret on period %d, planned with its deadline %s ahead", first.Seq, first.Deadline.Format())
		}
		if !strings.Contains(visibleText(body), "Kan leveres efter fristen") {
			t.Errorf("the page does not say when the period can be delivered: %s", excerpt(visibleText(body)))
		}
		st, body, _ := ph.post("/pharmacy/delivered", url.Values{"case": {f.case851.ID}, "seq": {seq}})
		text := visibleText(body)
		if st != http.StatusUnprocessableEntity || !strings.Contains(text, "kan først leveres efter fristen "+first.Deadline.Format()) {
			t.Errorf("delivering before the deadline: %d %s", st, excerpt(text))
		}
		if m := codes.FindAllString(text, 3); m != nil {
			t.Errorf("the refusal shows status codes %q", m)
		}

		// The day after the deadline the button is there and works once.
		later := first.Deadline.AddDays(1).At(10, 0)
		s2 := startWith(t, db, func(c *web.Config) { c.Now = func() time.Time { return later } })
		ph2 := newClient(t, s2).login("pharmacy")
		if _, body := ph2.get("/pharmacy"); !strings.Contains(body, button) {
			t.Fatalf("the day after the deadline the page offers no Leveret: %s", excerpt(visibleText(body)))
		}
		if st, body, _ := ph2.post("/pharmacy/delivered", url.Values{"case": {f.case851.ID}, "seq": {seq}}); st != http.StatusSeeOther {
			t.Fatalf("delivering after the deadline: %d %s", st, excerpt(visibleText(body)))
		}
		st, body, _ = ph2.post("/pharmacy/delivered", url.Values{"case": {f.case851.ID}, "seq": {seq}})
		text = visibleText(body)
		if st != http.StatusConflict || !strings.Contains(text, "er allerede leveret") {
			t.Errorf("a second click on Leveret: %d %s", st, excerpt(text))
		}
		if m := codes.FindAllString(text, 3); m != nil {
			t.Errorf("the second click's refusal shows status codes %q", m)
		}
	})
}

// TestEnglishCasePageHasNoDanishFormatHints: the case page's date and time
// fields (consent, GP decision, medication change, urgent roll, hospital
// notification) say dd-mm-yyyy and hh:mm in English, not "dd-mm-åååå" and
// "tt:mm", in their labels and placeholders alike.
func TestEnglishCasePageHasNoDanishFormatHints(t *testing.T) {
	danish := regexp.MustCompile(`åååå|tt:mm`)
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		nurse.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		_, awaiting := nurse.get("/cases/" + f.case851.ID) // consent form
		startedToday(t, db, f)
		_, active := nurse.get("/cases/" + f.case851.ID) // change, urgent roll, hospital forms
		for what, body := range map[string]string{"awaiting consent": awaiting, "active": active} {
			if !strings.Contains(body, "dd-mm-yyyy") {
				t.Errorf("the %s case page names no dd-mm-yyyy field: %s", what, excerpt(visibleText(body)))
			}
			if m := danish.FindAllString(body, 5); m != nil {
				t.Errorf("the English %s case page shows Danish format hints %q", what, m)
			}
		}
		if !strings.Contains(visibleText(active), "(hh:mm)") {
			t.Errorf("the active case page's time fields do not say hh:mm")
		}
	})
}

// TestIDsThatNameNothingAre404: a case, citizen, GP or urgent-roll id in
// the path with a NUL byte, a control character or invalid UTF-8 is 404
// like any unknown id, not a 500 from the store (bun refuses a NUL in a
// query; PostgreSQL refuses invalid UTF-8), for pages and actions alike.
func TestIDsThatNameNothingAre404(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		nurse, ph := newClient(t, s).login("nurse"), newClient(t, s).login("pharmacy")
		for _, id := range []string{"%00", "a%00b", "%ff", "a%1bb", f.case851.ID + "%00"} {
			for _, p := range []string{"/cases/" + id, "/citizens/" + id, "/citizens/" + id + "/edit", "/gps/" + id} {
				if st, body := nurse.get(p); st != http.StatusNotFound {
					t.Errorf("GET %s: %d %s", p, st, excerpt(visibleText(body)))
				}
			}
			if st, body, _ := nurse.post("/cases/"+id+"/pause", url.Values{"reason": {"hospital"}}); st != http.StatusNotFound {
				t.Errorf("POST /cases/%s/pause: %d %s", id, st, excerpt(visibleText(body)))
			}
			if st, body, _ := ph.post("/urgent/"+id+"/accept", nil); st != http.StatusNotFound {
				t.Errorf("POST /urgent/%s/accept: %d %s", id, st, excerpt(visibleText(body)))
			}
		}
		if strings.Contains(s.log.String(), "level=ERROR") {
			t.Errorf("the server logged errors:\n%s", s.log.String())
		}
	})
}

// TestGPPickerTakesTheTypedName: the edit form's hint says to type the
// GP's name or ydernummer; a name typed in full (not picked from the list)
// sets that GP, instead of "lægen med ydernummer Læge findes ikke" (its
// first word looked up as a ydernummer). What matches no GP, or several,
// is refused quoting what was typed.
func TestGPPickerTakesTheTypedName(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := setup(t, db, "Karen Jensen")
		for _, g := range []workflow.GP{
			{Ydernummer: "433111", Name: "Læge Aage Andersen", Clinic: "Lægehuset Egedal Nord"},
			{Ydernummer: "500001", Name: "Læge Bo Holm", Clinic: "Lægehuset Øst"},
			{Ydernummer: "500002", Name: "Læge Bo Holm", Clinic: "Lægehuset Vest"},
		} {
			dbtest.Must(db.AddGP(ctx, g, t0))(t)
		}
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		page := "/citizens/" + f.citizen851.ID + "/edit"
		for _, tc := range []struct {
			typed, want, refusal string
		}{
			{"433111", "433111", ""},
			{"433111 Læge Aage Andersen", "433111", ""},
			{"Læge Aage Andersen", "433111", ""},
			{"  læge aage andersen ", "433111", ""},
			{"Læge Aage Andersen, Lægehuset Egedal Nord", "433111", ""},
			{"Læge Bo Holm, Lægehuset Vest", "500002", ""},
			{"", "", ""},
			{"Læge Bo Holm", "", `flere læger hedder "Læge Bo Holm"`},
			{"Læge Aage", "", `ingen læge hedder eller har ydernummer "Læge Aage"`},
			{"999999", "", `ingen læge hedder eller har ydernummer "999999"`},
		} {
			form := url.Values{"name": {"Karen Jensen"}, "gp": {tc.typed}, "medicine_help": {"on"}}
			st, body, _ := nurse.post(page, form)
			if tc.refusal != "" {
				if st != http.StatusUnprocessableEntity || !strings.Contains(visibleText(body), tc.refusal) {
					t.Errorf("gp %q: %d %s, want a refusal with %s", tc.typed, st, excerpt(visibleText(body)), tc.refusal)
				}
				continue
			}
			if st != http.StatusSeeOther {
				t.Errorf("gp %q: %d %s", tc.typed, st, excerpt(visibleText(body)))
				continue
			}
			if _, body := nurse.get(page); !strings.Contains(body, `name="gp" list="gp-list" value="`+tc.want+`"`) {
				t.Errorf("gp %q: the citizen's GP is not %q after saving", tc.typed, tc.want)
			}
		}
	})
}

// TestDirectionOverridesAreRefused: a right-to-left override typed or
// pasted into a citizen's name or a medication change would make the page
// show other text than was stored; the form is refused naming the field.
func TestDirectionOverridesAreRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		startedToday(t, db, f)
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		for _, tc := range []struct {
			path string
			form url.Values
			want string
		}{
			{"/citizens/new", url.Values{"cpr": {"030145-1231"}, "name": {"Karen \u202enesneJ"}}, "navnet indeholder et usynligt retningstegn (U+202E)"},
			{"/citizens/" + f.citizen851.ID + "/edit", url.Values{"name": {"Karen \u2067Jensen\u2069"}}, "navnet indeholder et usynligt retningstegn (U+2067)"},
			{"/cases/" + f.case851.ID + "/change", url.Values{"description": {"Metoprolol \u202e gm 05"}, "effective": {"27-11-2026"}}, "retningstegn (U+202E)"},
		} {
			st, body, _ := nurse.post(tc.path, tc.form)
			if st != http.StatusUnprocessableEntity || !strings.Contains(visibleText(body), tc.want) {
				t.Errorf("POST %s: %d %s, want %q", tc.path, st, excerpt(visibleText(body)), tc.want)
			}
		}
		if _, body := nurse.get("/cases?q=Karen"); strings.Count(body, "\u202e")+strings.Count(body, "\u2067") > 0 {
			t.Errorf("a direction override was stored")
		}
	})
}

// TestMoveTwiceNamesTheMunicipality: a double click on "Flyt borgeren
// hertil" moves the citizen once; the second request says where the
// citizen already is by name, not "kommune 851".
func TestMoveTwiceNamesTheMunicipality(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		setup(t, db, "Karen Jensen")
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		form := url.Values{"cpr": {"020250-1234"}, "moved_on": {"27-11-2026"}, "back": {"/citizens/find"}}
		if st, body, _ := nurse.post("/citizens/move", form); st != http.StatusSeeOther {
			t.Fatalf("the move: %d %s", st, excerpt(visibleText(body)))
		}
		form.Del("csrf_token")
		st, body, _ := nurse.post("/citizens/move", form)
		text := visibleText(body)
		if st != http.StatusUnprocessableEntity || !strings.Contains(text, "borgeren er allerede registreret i Aalborg") || strings.Contains(text, "851") {
			t.Errorf("the second move: %d %s", st, excerpt(text))
		}
	})
}

// TestReasonRefusalsSayTheLabels: a nurse who picks "Anden årsag (se
// note)" and leaves the note empty reads the reason as the form names it,
// not 'årsagen "other" kræver en note'; in English a refused state names
// the event and the state by label too. (A missing reason lists the codes
// in English: that text is also the command line's, whose --reason takes
// them; the form's select never sends an empty reason.)
func TestReasonRefusalsSayTheLabels(t *testing.T) {
	codes := regexp.MustCompile(`"other"|"decline"|"end"|"request_gp"|\b[a-z]+_[a-z_]+\b`)
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		da := newClient(t, s).login("nurse")
		en := newClient(t, s).login("lead")
		en.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		page := "/cases/" + f.case851.ID
		for _, tc := range []struct {
			who  *client
			path string
			form url.Values
			want string
		}{
			{da, page + "/decline", url.Values{"reason": {"other"}}, "årsagen „Anden årsag (se note)“ kræver en note"},
			{da, page + "/end", url.Values{"reason": {"other"}, "note": {"  "}}, "årsagen „Anden årsag (se note)“ kræver en note"},
			{en, page + "/decline", url.Values{"reason": {"other"}}, `the reason "Other (see note)" needs a note`},
			{en, page + "/request-gp", url.Values{}, `"Send request to the GP" cannot happen when the case is "Awaiting consent"`},
		} {
			st, body, _ := tc.who.post(tc.path, tc.form)
			text := visibleText(body)
			at := strings.Index(text, tc.want)
			if st != http.StatusUnprocessableEntity || at < 0 {
				t.Errorf("POST %s %v: %d %s, want %q", tc.path, tc.form, st, excerpt(text), tc.want)
				continue
			}
			msg := text[at:]
			if m := codes.FindAllString(msg[:min(len(msg), 300)], 3); m != nil {
				t.Errorf("POST %s %v: the refusal shows codes %q", tc.path, tc.form, m)
			}
		}
	})
}

// TestConsentRefusalNamesTheDetail: a consent refused for a missing detail
// says which (the guardian's name), not "samtykket mangler oplysninger
// (hvem, hvordan, hvornår)"; a date before the citizen's birth is called a
// date before the birth, not "en borger under 15 år".
func TestConsentRefusalNamesTheDetail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		page := "/cases/" + f.case851.ID + "/consent"
		for _, tc := range []struct {
			form      url.Values
			want, not string
		}{
			{url.Values{"given_by": {"guardian"}, "method": {"written"}, "given_at": {"27-11-2026"}},
				"navnet på værge eller pårørende mangler", "mangler oplysninger"},
			{url.Values{"given_by": {"next_of_kin"}, "giver_name": {"  "}, "method": {"oral"}, "given_at": {"27-11-2026"}},
				"navnet på værge eller pårørende mangler", "mangler oplysninger"},
			{url.Values{"given_by": {"citizen"}, "method": {"written"}, "given_at": {"01-01-1900"}},
				"datoen for samtykket 01-01-1900 ligger før borgerens fødselsdag 01-01-1945", "under 15"},
		} {
			st, body, _ := nurse.post(page, tc.form)
			text := visibleText(body)
			if st != http.StatusUnprocessableEntity || !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
				t.Errorf("consent %v: %d %s, want %q", tc.form, st, excerpt(text), tc.want)
			}
		}
	})
}

// TestUrgentRollNeededByIsBounded: an urgent roll "needed" decades ahead
// (a mistyped year) is refused naming the date, as is one in the past;
// the pharmacy queue never shows "Skal bruges: 01-01-2099".
func TestUrgentRollNeededByIsBounded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		startedToday(t, db, f)
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		page := "/cases/" + f.case851.ID + "/urgent"
		for _, tc := range []struct {
			date, want string
			status     int
		}{
			{"01-12-2062", "akutrullen skal bruges 01-12-2062 08:00, mere end 28 dage fremme; tjek datoen", http.StatusUnprocessableEntity},
			{"26-12-2026", "mere end 28 dage fremme", http.StatusUnprocessableEntity},
			{"01-11-2026", "tidspunktet for behovet 01-11-2026 08:00 er allerede passeret", http.StatusUnprocessableEntity},
			{"24-12-2026", "", http.StatusSeeOther},
		} {
			st, body, _ := nurse.post(page, url.Values{"reason": {"lost_or_damaged"}, "needed_date": {tc.date}, "needed_time": {"08:00"}})
			if st != tc.status || !strings.Contains(visibleText(body), tc.want) {
				t.Errorf("needed %s: %d %s, want %d %q", tc.date, st, excerpt(visibleText(body)), tc.status, tc.want)
			}
		}
	})
}

// TestPharmacyAndHospitalTextsAreBounded: the pharmacy's rejection reason
// and step notes, and a hospital's name typed on the case page, are held
// to the limits of every other note and name (2000 and 200 characters);
// nothing is stored when refused.
func TestPharmacyAndHospitalTextsAreBounded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setupRolls(t, db)
		s := start(t, db)
		ph, nurse := newClient(t, s).login("pharmacy"), newClient(t, s).login("nurse")
		long := strings.Repeat("æ", workflow.MaxNoteLength+1)
		for _, tc := range []struct {
			who  *client
			path string
			form url.Values
			want string
		}{
			{ph, "/urgent/" + f.urgent851.ID + "/reject", url.Values{"reason": {long}}, "begrundelsen er for lang: 2001 tegn, højst 2000"},
			{ph, "/urgent/" + f.urgent851.ID + "/accept", url.Values{"note": {long}}, "noten er for lang: 2001 tegn, højst 2000"},
			{nurse, "/cases/" + f.case851.ID + "/hospital", url.Values{"kind": {"admission"}, "at_date": {"27-11-2026"}, "at_time": {"08:00"},
				"hospital": {strings.Repeat("H", workflow.MaxNameLength+1)}}, "sygehusets navn er for lang: 201 tegn, højst 200"},
		} {
			st, body, _ := tc.who.post(tc.path, tc.form)
			if st != http.StatusUnprocessableEntity || !strings.Contains(visibleText(body), tc.want) {
				t.Errorf("POST %s: %d %s, want %q", tc.path, st, excerpt(visibleText(body)), tc.want)
			}
		}
		if _, body := ph.get("/pharmacy"); !strings.Contains(body, `action="/urgent/`+f.urgent851.ID+`/accept"`) {
			t.Errorf("the refused steps changed the urgent roll")
		}
		if _, body := nurse.get("/cases/" + f.case851.ID); strings.Contains(body, "HHHHHHHHHH") {
			t.Errorf("the refused hospital notification was stored")
		}
	})
}

// TestExtendReasonIsCalledTheReason: a too long reason for extending a
// period is refused as "begrundelsen", the field the form names, not
// "noten".
func TestExtendReasonIsCalledTheReason(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		first := startedToday(t, db, f)
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		st, body, _ := nurse.post("/cases/"+f.case851.ID+"/extend", url.Values{"seq": {strconv.Itoa(first.Seq)}, "days": {"21"},
			"reason": {strings.Repeat("j", workflow.MaxNoteLength+1)}})
		if text := visibleText(body); st != http.StatusUnprocessableEntity || !strings.Contains(text, "begrundelsen er for lang: 2001 tegn") {
			t.Errorf("extend with a long reason: %d %s", st, excerpt(text))
		}
	})
}

// TestTimelineActionsKeepingTheStateShowNoArrow: an action that leaves the
// case in its state (extending a period) reads "Periode forlænget — <the
// reason>" in the timeline, not "Aktiv på dosispakning → Aktiv på
// dosispakning · <the reason>".
func TestTimelineActionsKeepingTheStateShowNoArrow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		f := setup(t, db, "Karen Jensen")
		first := startedToday(t, db, f)
		s := start(t, db)
		nurse := newClient(t, s).login("nurse")
		if st, body, _ := nurse.post("/cases/"+f.case851.ID+"/extend", url.Values{"seq": {strconv.Itoa(first.Seq)}, "days": {"21"},
			"reason": {"Jul og nytår"}}); st != http.StatusSeeOther {
			t.Fatalf("extend: %d %s", st, excerpt(visibleText(body)))
		}
		_, body := nurse.get("/cases/" + f.case851.ID)
		tl := body[strings.Index(body, `<ol class="timeline">`):]
		tl = visibleText(tl[:strings.Index(tl, "</ol>")])
		if strings.Contains(tl, "Aktiv på dosispakning → Aktiv på dosispakning") {
			t.Errorf("the timeline shows a state change that did not happen:\n%s", tl)
		}
		if !regexp.MustCompile(`Periode forlænget\s+—\s+Jul og nytår`).MatchString(tl) {
			t.Errorf("the timeline does not show the extension with its reason:\n%s", tl)
		}
		if !strings.Contains(tl, "Godkendt af læge → Aktiv på dosispakning") {
			t.Errorf("the timeline lost the real state changes:\n%s", tl)
		}
	})
}
