package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// TestBrowserPhonePharmacyCardsNameTheirDates: on a phone the pharmacy's
// tables become cards, one cell a line; a cell that is only a date or a
// time ("07-12-2026", "28-11-2026 12:00 (uge 48)") must say which it is
// (packing day, deadline, expected delivery, needed by, promised,
// delivered), else a card is three bare dates in a column.
func TestBrowserPhonePharmacyCardsNameTheirDates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setupRolls(t, db)
		dir := shotDir(t)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), signIn(s.base, "pharmacy", testPassword)); err != nil {
			t.Fatal(err)
		}
		for _, page := range []struct{ path, wait, shot string }{
			{"/pharmacy", "#pack", "web-phone-pharmacy"},
			{"/pharmacy/deliveries", "main table", "web-phone-deliveries"},
		} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.base+page.path), chromedp.WaitVisible(chromedp.CSS(page.wait)),
				pageLoaded(), shotTo(dir, page.shot)); err != nil {
				t.Fatal(err)
			}
			cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](unlabelledDateCells))
			if err != nil {
				t.Fatal(err)
			}
			if len(cells) > 0 {
				t.Errorf("%s: cells showing only a date without saying which: %q", page.path, cells)
			}
			shown, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main td').length`))
			if err != nil {
				t.Fatal(err)
			}
			if shown == 0 {
				t.Errorf("%s: no table cell on the page (the fixture shows none?)", page.path)
			}
		}
		onlyLocal(t, s.base, requested())
	})
}

// unlabelledDateCells lists the text of the table cells in main laid out
// as a card line (display block) whose text is a date or time alone and
// whose line names nothing (no data-label shown before it).
const unlabelledDateCells = `(() => {
  const only = /^\d{2}-\d{2}-\d{4}( \d{2}:\d{2})?( \((uge|week) \d+\))?( \S+)?$/;
  return [...document.querySelectorAll('main td')]
    .filter(td => getComputedStyle(td).display === 'block')
    .filter(td => only.test(td.innerText.trim().replace(/\s+/g, ' ')))
    .filter(td => getComputedStyle(td, '::before').content === 'none' || getComputedStyle(td, '::before').content === 'normal')
    .map(td => td.innerText.trim());
})()`
