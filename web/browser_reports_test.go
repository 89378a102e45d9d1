package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/xuri/excelize/v2"
)

// clickDownload clicks the link sel and returns the file the browser
// downloaded (into a fresh directory, under the name the browser gives it).
func clickDownload(t *testing.T, ctx context.Context, sel string) []byte {
	t.Helper()
	dir := t.TempDir()
	progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		yes := true
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
		return err
	}), chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatal(err)
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download of %s: %v", sel, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCanceled:
			t.Fatalf("download of %s was cancelled", sel)
		case cdpbrowser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no download of %s", sel)
	return nil
}

// workbookHead reads the summary sheet's source line (A2) and period line
// (A3) of a downloaded workbook.
func workbookHead(t *testing.T, b []byte) (source, period string) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the downloaded workbook does not open: %v", err)
	}
	defer x.Close()
	source, _ = x.GetCellValue("Oversigt", "A2")
	period, _ = x.GetCellValue("Oversigt", "A3")
	return source, period
}

// TestBrowserDownloadsKeepTheFilter: an admin picks Q1 2026 and Aalborg on
// /reports in a real browser and downloads the workbook: it is the
// workbook of that period and municipality; with suppression ticked the
// downloaded workbook is suppressed, and the HTML dashboard and the live
// dashboard links carry the same filter. Before the fix the links held the
// filter as one percent-encoded parameter and the download was the
// default 12 months, unsuppressed.
func TestBrowserDownloadsKeepTheFilter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		setupRolls(t, db)
		pick := func(suppress bool) chromedp.Action[chromedp.Void] {
			steps := []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(s.base + "/reports"), chromedp.WaitVisible(chromedp.CSS("#dl-xlsx")),
				chromedp.SetValue(chromedp.CSS("#from"), "01-01-2026"), chromedp.SetValue(chromedp.CSS("#to"), "31-03-2026"),
				chromedp.Click(chromedp.CSS(`input[name="m"][value="851"]`)),
			}
			// The links of the submitted page (not of the page before it).
			done := `#dl-xlsx[href*="31-03-2026"]:not([href*="suppress"])`
			if suppress {
				steps = append(steps, chromedp.Click(chromedp.CSS("#suppress")))
				done = `#dl-xlsx[href*="31-03-2026"][href*="suppress=on"]`
			}
			return chromedp.Steps(append(steps, chromedp.Submit(chromedp.CSS("#from")),
				chromedp.WaitVisible(chromedp.CSS(done)))...)
		}
		if err := chromedp.Do(ctx, signIn(s.base, "admin", testPassword), pick(false)); err != nil {
			t.Fatal(err)
		}
		source, period := workbookHead(t, clickDownload(t, ctx, "#dl-xlsx"))
		if !strings.Contains(period, "01-01-2026 – 31-03-2026") || !strings.Contains(period, "Aalborg") {
			t.Errorf("the downloaded workbook's period line is %q, want Q1 2026 for Aalborg", period)
		}
		if strings.Contains(source, "diskretioneret") {
			t.Errorf("the workbook is suppressed though suppression was not ticked: %q", source)
		}
		html := clickDownload(t, ctx, "#dl-html")
		if !bytes.Contains(html, []byte("01-01-2026 – 31-03-2026")) {
			t.Error("the downloaded HTML dashboard is not of the chosen period")
		}

		if err := chromedp.Do(ctx, pick(true)); err != nil {
			t.Fatal(err)
		}
		source, period = workbookHead(t, clickDownload(t, ctx, "#dl-xlsx"))
		if !strings.Contains(source, "diskretioneret") || !strings.Contains(period, "01-01-2026 – 31-03-2026") {
			t.Errorf("with suppression ticked the workbook says %q / %q, want suppressed Q1 2026", source, period)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#dl-dashboard")),
			chromedp.WaitVisible(chromedp.CSS("[data-chart]")), pageLoaded()); err != nil {
			t.Fatal(err)
		}
		meta, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.meta")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(meta, "01-01-2026 – 31-03-2026") || !strings.Contains(meta, "diskretioneret") {
			t.Errorf("the dashboard link lost the filter: %q", meta)
		}
		onlyLocal(t, s.base, requested())
	})
}
