package web_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// browser starts a headless Chromium for the test, or skips (fails under
// DOSIS_REQUIRE_BROWSER=1) when there is none. It records every URL the page
// requests, so a test can check nothing leaves the server.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("DOSIS_REQUIRE_BROWSER") == "1" {
			t.Fatal("DOSIS_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium)")
		}
		t.Skip("browser tests skipped: chromium is not installed (apt-get install -y --no-install-recommends chromium)")
	}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.WindowSize(1024, 768))
	var mu sync.Mutex
	var urls []string
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	}))
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(urls)
	}
}

// TestBrowserNurseRecordsConsent: in a real browser a nurse signs in, opens
// a case awaiting consent, records consent with the plain form and sees it
// in the timeline; no request goes anywhere but the server.
func TestBrowserNurseRecordsConsent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		shots := os.Getenv("DOSIS_SCREENSHOTS")
		shot := func(name string) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				if shots == "" || !strings.HasSuffix(t.Name(), "sqlite") {
					return nil
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(shots, "web-"+name+".png"), png, 0o644)
			})
		}
		login := func(user string) chromedp.Action[chromedp.Void] {
			return chromedp.Steps(
				chromedp.Navigate(s.base+"/login"),
				chromedp.SendKeys(chromedp.CSS("#username"), user),
				chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
				chromedp.Submit(chromedp.CSS("#password")),
				chromedp.WaitVisible(chromedp.CSS("header nav")))
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(s.base+"/login"), shot("login"),
			login("nurse"), shot("home"),
			chromedp.Navigate(s.base+"/cases"), chromedp.WaitVisible(chromedp.CSS("table")), shot("cases"),
			chromedp.Navigate(s.base+"/cases/"+f.case851.ID),
			chromedp.WaitVisible(chromedp.CSS("#consent-submit")), shot("case"),
			chromedp.Click(chromedp.CSS("#consent-submit")),
			chromedp.WaitVisible(chromedp.CSS(".flash")), shot("case-consented"),
		)
		if err != nil {
			t.Fatal(err)
		}
		timeline, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("ol.timeline")))
		if err != nil {
			t.Fatal(err)
		}
		state, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1 .state")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(timeline, "Samtykke") || !strings.Contains(timeline, "Borgeren selv") {
			t.Errorf("the timeline does not show the consent:\n%s", timeline)
		}
		if state != "Samtykke givet" {
			t.Errorf("state = %q", state)
		}
		if shots != "" && strings.HasSuffix(t.Name(), "sqlite") {
			err := chromedp.Do(ctx,
				logOut(),
				login("admin"),
				chromedp.Navigate(s.base+"/admin/users"), chromedp.WaitVisible(chromedp.CSS("table")), shot("admin-users"),
				chromedp.Navigate(s.base+"/admin/pharmacies"), chromedp.WaitVisible(chromedp.CSS("table")), shot("admin-pharmacies"),
				chromedp.Navigate(s.base+"/admin/access"), chromedp.WaitVisible(chromedp.CSS("table")), shot("admin-access"),
			)
			if err != nil {
				t.Fatal(err)
			}
		}
		base, _ := url.Parse(s.base)
		for _, u := range requested() {
			p, err := url.Parse(u)
			if err != nil || p.Host != base.Host {
				t.Errorf("the page requested %s, outside the server", u)
			}
		}
	})
}
