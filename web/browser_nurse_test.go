package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// shotDir is where a test saves its screenshots for the docs: the
// DOSIS_SCREENSHOTS folder on SQLite, nowhere otherwise.
func shotDir(t *testing.T) string {
	if strings.HasSuffix(t.Name(), "sqlite") {
		return os.Getenv("DOSIS_SCREENSHOTS")
	}
	return ""
}

// text reads the text of the first element matching css.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

// TestBrowserCitizenWithoutGPSentToGP: a citizen registered without a GP
// has a consented case the page says cannot go to the GP; the nurse
// follows the link, picks the GP, saves, lands back on the case and sends
// it to the GP.
func TestBrowserCitizenWithoutGPSentToGP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		bg := context.Background()
		sys := workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		cit, _ := must2(db.AddCitizen(bg, sys, data.NewCitizen{CPR: "030345-1234", Name: "Ole Uden Læge", Municipality: 851, MedicineHelp: true}, t0))(t)
		c := dbtest.Must(svc.OpenCase(bg, sys, cit.ID, "home_care"))(t)
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6.0,
			"no_change_expected": true, "packable_medicine_count": 5.0, "can_handle_roll": true}
		if _, _, err := svc.Assess(bg, sys, c.ID, eligibility.Default(), facts, ""); err != nil {
			t.Fatal(err)
		}
		_ = dbtest.Must(svc.RecordConsent(bg, sys, c.ID, workflow.ConsentInput{GivenBy: "citizen", Method: "written", GivenOn: calendar.DayOf(t0)}, ""))(t)
		dir := shotDir(t)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 900), signIn(s.base, "nurse", testPassword),
			chromedp.Navigate(s.base+"/cases/"+c.ID), chromedp.WaitVisible(chromedp.CSS("#no-gp")),
			chromedp.Click(chromedp.CSS("#no-gp a")), chromedp.WaitVisible(chromedp.CSS("#gp")),
			chromedp.SendKeys(chromedp.CSS("#gp"), "012345"),
			chromedp.SendKeys(chromedp.CSS("#since"), "01-06-2025"),
			chromedp.SendKeys(chromedp.CSS("#edit-note"), "lægen oplyst af datteren"), shotTo(dir, "web-citizen-edit"),
			chromedp.Click(chromedp.CSS("#edit-submit")),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/cases/`+c.ID+`/request-gp"] button`)),
			chromedp.WaitNotPresent(chromedp.CSS("#no-gp")),
			chromedp.Click(chromedp.CSS(`form[action="/cases/`+c.ID+`/request-gp"] button`)),
			// The saved citizen's flash is on the page before the click: wait for
			// the page after the request, where the request form is gone.
			chromedp.WaitNotPresent(chromedp.CSS(`form[action="/cases/`+c.ID+`/request-gp"]`)),
			chromedp.WaitVisible(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
		if st := text(t, ctx, "h1 .state"); st != "Afventer læge" {
			t.Errorf("state after sending: %q", st)
		}
		if tl := text(t, ctx, "ol.timeline"); !strings.Contains(tl, "Borgerens læge er ændret") || !strings.Contains(tl, "Lægehuset Nord") {
			t.Errorf("the timeline lacks the GP change or the GP's name:\n%s", tl)
		}
		got := dbtest.Must(db.Citizen(bg, sys, cit.ID, "test", t0))(t)
		if got.GPID == "" || got.MedicineHelpSince.Format() != "01-06-2025" {
			t.Errorf("stored citizen %+v", got)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserCitizenMove: Aalborg's nurse looks up a citizen registered in
// København, is offered the move instead of "not found", moves her, and
// the citizen and the open case are Aalborg's.
func TestBrowserCitizenMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		dir := shotDir(t)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 900), signIn(s.base, "nurse", testPassword),
			chromedp.Navigate(s.base+"/citizens/find"), chromedp.SendKeys(chromedp.CSS("#cpr"), "020250-1234"),
			chromedp.Submit(chromedp.CSS("#cpr")), chromedp.WaitVisible(chromedp.CSS("#move")), shotTo(dir, "web-citizen-move"),
			chromedp.SendKeys(chromedp.CSS("#move-note"), "flyttet til plejebolig"),
			chromedp.Click(chromedp.CSS("#move-submit")), chromedp.WaitVisible(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
		if fl := text(t, ctx, ".flash"); !strings.Contains(fl, "København") || !strings.Contains(fl, "sag") {
			t.Errorf("flash after the move: %q", fl)
		}
		if h := text(t, ctx, "h1"); h != "Bo København" {
			t.Errorf("citizen page after the move: %q", h)
		}
		bg := context.Background()
		nurse := workflow.Actor{UserID: f.users["nurse"].ID, Role: workflow.RoleNurse, Municipality: 851}
		d := dbtest.Must(db.CaseDetail(bg, nurse, f.case101.ID, "test", t0))(t)
		if d.Case.Municipality != 851 || d.Citizen.Municipality != 851 {
			t.Errorf("after the move: case in %d, citizen in %d", d.Case.Municipality, d.Citizen.Municipality)
		}
		kbh := workflow.Actor{UserID: f.users["nurse101"].ID, Role: workflow.RoleNurse, Municipality: 101}
		if _, err := db.CaseDetail(bg, kbh, f.case101.ID, "test", t0); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("København still sees the moved case: %v", err)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserRejectedUrgentRollOnWorklist: the pharmacy rejects the urgent
// roll; the nurse's worklist opens with it, marked urgent, and the item
// leads to the case's urgent rolls with the pharmacy's reason.
func TestBrowserRejectedUrgentRollOnWorklist(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setupRolls(t, db)
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		pharm := workflow.Actor{UserID: f.users["pharmacy"].ID, Role: workflow.RolePharmacy, PharmacyID: f.pharmacy851.ID}
		if _, err := svc.RejectUrgentRoll(context.Background(), pharm, f.urgent851.ID, "lægemidlet er i restordre"); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 900), signIn(s.base, "nurse", testPassword),
			chromedp.WaitVisible(chromedp.CSS("#worklist tbody tr.alert")), shotTo(shotDir(t), "web-worklist-rejected"))
		if err != nil {
			t.Fatal(err)
		}
		first := text(t, ctx, "#worklist tbody tr:first-child")
		if !strings.Contains(first, "afvist af apoteket") || !strings.Contains(first, "Haster") || !strings.Contains(first, "Karen Jensen") {
			t.Errorf("the first worklist row is not the rejected roll: %q", first)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#worklist tbody tr:first-child a")),
			chromedp.WaitVisible(chromedp.CSS("#urgent-"+f.urgent851.ID))); err != nil {
			t.Fatal(err)
		}
		if u := text(t, ctx, "#urgent-"+f.urgent851.ID); !strings.Contains(u, "restordre") {
			t.Errorf("the urgent roll does not show the pharmacy's reason: %q", u)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserPeriodExtension: the nurse extends the next period to 21 days
// over a holiday; the page shows the longer period and the next one
// following it, and returns to the period.
func TestBrowserPeriodExtension(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setupRolls(t, db)
		bg := context.Background()
		sys := workflow.System("test")
		seq := 0
		for _, p := range dbtest.Must(db.CasePeriods(bg, sys, f.case851.ID))(t) {
			if p.Packable() && !p.Deadline.Before(calendar.Today(t0)) {
				seq = p.Seq
				break
			}
		}
		if seq == 0 {
			t.Fatal("no period before its deadline in the fixture")
		}
		id := fmt.Sprintf("#extend-%d", seq)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 900), signIn(s.base, "nurse", testPassword),
			chromedp.Navigate(s.base+"/cases/"+f.case851.ID), chromedp.WaitVisible(chromedp.CSS(id+" summary")),
			chromedp.Click(chromedp.CSS(id+" summary")), chromedp.WaitVisible(chromedp.CSS(id+" select")),
			chromedp.SetValue(chromedp.CSS(id+" select"), "21"),
			chromedp.SendKeys(chromedp.CSS(id+" input[name=reason]"), "jul hos datteren"), shotTo(shotDir(t), "web-period-extend"),
			chromedp.Click(chromedp.CSS(fmt.Sprintf("#extend-submit-%d", seq))), chromedp.WaitVisible(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(loc, fmt.Sprintf("#period-%d", seq)) {
			t.Errorf("after saving the page is at %s, want the period", loc)
		}
		if row := text(t, ctx, fmt.Sprintf("#period-%d", seq)); !strings.Contains(row, "Forlænget til 21 dage: jul hos datteren") {
			t.Errorf("the period row: %q", row)
		}
		ps := dbtest.Must(db.CasePeriods(bg, sys, f.case851.ID))(t)
		for i, p := range ps {
			if p.Seq == seq && (p.LengthDays != 21 || i+1 >= len(ps) || ps[i+1].Start != p.End.AddDays(1)) {
				t.Errorf("stored periods after the extension: %+v", ps[i:])
			}
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserNameSearch: Find borger takes a name and shows the matching
// cases; the case list's search finds by part of a name in any case.
func TestBrowserNameSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1100, 900), signIn(s.base, "nurse", testPassword),
			chromedp.Navigate(s.base+"/citizens/find"), chromedp.SendKeys(chromedp.CSS("#cpr"), "karen"),
			chromedp.Submit(chromedp.CSS("#cpr")), chromedp.WaitVisible(chromedp.CSS("#case-list")), shotTo(shotDir(t), "web-search"))
		if err != nil {
			t.Fatal(err)
		}
		if list := text(t, ctx, "#case-list"); !strings.Contains(list, "Karen Jensen") || strings.Contains(list, "Bo København") {
			t.Errorf("the search by name found: %q", list)
		}
		err = chromedp.Do(ctx, chromedp.Navigate(s.base+"/cases"), chromedp.WaitVisible(chromedp.CSS("#q")),
			chromedp.SendKeys(chromedp.CSS("#q"), "JENS"), chromedp.Click(chromedp.CSS("#search-submit")),
			// The list page had a count before the search: wait for the new page.
			chromedp.Sleep(time.Second), chromedp.WaitVisible(chromedp.CSS("#search-count")))
		if err != nil {
			t.Fatal(err)
		}
		if n := text(t, ctx, "#search-count"); n != "1 sager" && !strings.HasPrefix(n, "1 ") {
			t.Errorf("count: %q", n)
		}
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		if !strings.Contains(loc, "q=JENS") {
			t.Errorf("a name search belongs in the address (to page and bookmark): %s", loc)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserPhoneLayout: at 390 × 844 the worklist, the case page, the
// case list and the citizen edit page are no wider than the window (the
// test fails on any horizontal overflow), and dates do not break.
func TestBrowserPhoneLayout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setupRolls(t, db)
		dir := shotDir(t)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), signIn(s.base, "nurse", testPassword)); err != nil {
			t.Fatal(err)
		}
		for _, page := range []struct{ path, wait, shot string }{
			{"/", "#worklist", "web-phone-worklist"},
			{"/cases/" + f.case851.ID, "#rolls", "web-phone-case"},
			{"/cases", "#search", "web-phone-cases"},
			{"/citizens/" + f.citizen851.ID + "/edit", "#edit-submit", "web-phone-edit"},
		} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.base+page.path), chromedp.WaitVisible(chromedp.CSS(page.wait)), shotTo(dir, page.shot)); err != nil {
				t.Fatal(err)
			}
			w, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth,
				Math.max(...[...document.querySelectorAll('main *')].map(e => Math.ceil(e.getBoundingClientRect().right)))]`))
			if err != nil {
				t.Fatal(err)
			}
			if w[0] > w[1] || w[2] > w[1] {
				t.Errorf("%s is wider than the window at 390 px: page %d, widest element right edge %d, window %d", page.path, w[0], w[2], w[1])
			}
			// A date is never split over two lines.
			broken, err := chromedp.Run(ctx, chromedp.Evaluate[int](brokenDates))
			if err != nil {
				t.Fatal(err)
			}
			if broken > 0 {
				t.Errorf("%s: %d dates break across lines", page.path, broken)
			}
		}
		onlyLocal(t, s.base, requested())
	})
}

// brokenDates counts the dates (dd-mm-yyyy) and weeks on the page that a
// line break splits: a date's text range then has more than one box.
const brokenDates = `(() => {
  let n = 0;
  const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode()); ) {
    for (const m of node.data.matchAll(/\d{2}-\d{2}-\d{4}|uge \d+|week \d+/g)) {
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
      if (tops.size > 1) n++;
    }
  }
  return n;
})()`
