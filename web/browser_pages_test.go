package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// signIn signs in through the login form as user with password.
func signIn(base, user, password string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS("#username"), user),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("header nav")), pageLoaded())
}

// pageLoaded waits for the page to finish loading (document.readyState
// "complete"). Found while a page still loads its scripts (the dashboard's
// charts on a loaded machine), a node can be replaced between chromedp's
// query and the action on it ("Could not find node with given id"), so a
// test that reads or clicks a node of a page it just opened waits for this
// first.
func pageLoaded() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool]("document.readyState === 'complete'"))
		return err
	})
}

// logOut signs out with the header's button once the page has loaded
// (pageLoaded).
func logOut() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(pageLoaded(), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#username")))
}

// onlyLocal fails the test for any request that left the server's host.
func onlyLocal(t *testing.T, base string, urls []string) {
	t.Helper()
	b, _ := url.Parse(base)
	for _, u := range urls {
		p, err := url.Parse(u)
		if err == nil && p.Scheme == "data" {
			continue // inline (the browser's own date-picker icon): nothing leaves
		}
		if err != nil || p.Host != b.Host {
			t.Errorf("the page requested %s, outside the server", u)
		}
	}
}

// TestBrowserPharmacyAcceptsAndDelivers: pharmacy staff accept, pack and
// deliver an urgent roll with the queue's plain buttons in a real browser.
func TestBrowserPharmacyAcceptsAndDelivers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setupRolls(t, db)
		button := func(step string) string {
			return `form[action="/urgent/` + f.urgent851.ID + `/` + step + `"] button`
		}
		err := chromedp.Do(ctx, signIn(s.base, "pharmacy", testPassword),
			chromedp.Navigate(s.base+"/pharmacy"), chromedp.WaitVisible(chromedp.CSS("#urgent-"+f.urgent851.ID)),
			chromedp.Click(chromedp.CSS(button("accept"))), chromedp.WaitVisible(chromedp.CSS(button("packed"))),
			chromedp.Click(chromedp.CSS(button("packed"))), chromedp.WaitVisible(chromedp.CSS(button("delivered"))),
			chromedp.Click(chromedp.CSS(button("delivered"))),
			// The previous page has a flash too ("pakket"): wait for the new
			// page, on which the delivered roll has no buttons left.
			chromedp.WaitNotPresent(chromedp.CSS(button("delivered"))), chromedp.WaitVisible(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
		flash, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(flash, "leveret") {
			t.Errorf("flash after delivery: %q", flash)
		}
		rolls := dbtest.Must(db.CaseUrgentRolls(context.Background(), workflow.System("test"), f.case851.ID, t0))(t)
		if len(rolls) != 1 || rolls[0].Status != workflow.UrgentDelivered {
			t.Errorf("urgent roll after the clicks: %+v", rolls)
		}
		onlyLocal(t, s.base, requested())
	})
}

// TestBrowserSteeringDashboardDraws: the steering dashboard draws every
// chart (a canvas inside each chart container) from the binary's own
// ECharts, and no request leaves 127.0.0.1.
func TestBrowserSteeringDashboardDraws(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setupRolls(t, db)
		err := chromedp.Do(ctx, signIn(s.base, "steering", testPassword),
			chromedp.Navigate(s.base+"/dashboard?from=01-01-2026&to=31-12-2026"),
			chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")))
		if err != nil {
			t.Fatal(err)
		}
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
			const boxes = [...document.querySelectorAll("[data-chart]")];
			return [boxes.length, boxes.filter(b => b.querySelector("canvas, svg")).length];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(drawn) != 2 || drawn[0] < 4 || drawn[1] != drawn[0] {
			t.Errorf("charts drawn: %v (containers, with a canvas or svg)", drawn)
		}
		urls := requested()
		if !slicesContainsSuffix(urls, "/static/echarts.min.js") {
			t.Error("the page did not load the binary's ECharts")
		}
		onlyLocal(t, s.base, urls)
	})
}

func slicesContainsSuffix(xs []string, suffix string) bool {
	for _, x := range xs {
		if strings.HasSuffix(x, suffix) {
			return true
		}
	}
	return false
}

// shotTo returns an action writing a full-page PNG to dir/name.png, or
// nothing when dir is empty.
func shotTo(dir, name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if dir == "" {
			return nil
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	})
}

// clickToNewPage clicks sel (a submit button or a link) and waits for the
// document that replaces the current one, so what a test reads next is
// the next page, never an element of the page before it that matches too.
func clickToNewPage(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.dataset.before = "1"; true`)); err != nil {
			return err
		}
		_, err := chromedp.Run(ctx, chromedp.Steps(chromedp.Click(chromedp.CSS(sel)),
			chromedp.WaitVisible(chromedp.CSS("html:not([data-before]) body"))))
		return err
	})
}
