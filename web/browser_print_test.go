package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// pdfPages returns the text of each page of the PDF file path, read with
// poppler's pdfinfo and pdftotext. It skips the test when poppler-utils
// is not installed, and fails instead under DOSIS_REQUIRE_SOFFICE=1 (CI
// installs it with LibreOffice).
func pdfPages(t *testing.T, path string) (size string, pages []string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("DOSIS_REQUIRE_SOFFICE") == "1" {
			t.Fatal("DOSIS_REQUIRE_SOFFICE=1 but pdftotext is not installed (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is not installed (apt-get install -y poppler-utils)")
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if s := regexp.MustCompile(`(?m)^Page size:\s+(.*)$`).FindSubmatch(info); s != nil {
		size = string(s[1])
	}
	for i := 1; i <= n; i++ {
		p := strconv.Itoa(i)
		out, err := exec.Command("pdftotext", "-layout", "-f", p, "-l", p, path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", i, err)
		}
		pages = append(pages, string(out))
	}
	return size, pages
}

// printA4 prints the page in ctx to dir/name.pdf on A4 (the page's own
// @page size), as the print dialog would: print media first, so the
// charts are redrawn at the paper's width.
func printA4(t *testing.T, ctx context.Context, dir, name string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkPrinted fails unless every page of the PDF is A4 and carries the
// source line, and the whole of it holds the charts' titles.
func checkPrinted(t *testing.T, path string, titles ...string) {
	t.Helper()
	size, pages := pdfPages(t, path)
	if !strings.Contains(size, "A4") {
		t.Errorf("%s: page size %q, want A4", filepath.Base(path), size)
	}
	if len(pages) < 2 {
		t.Errorf("%s: %d page(s); the dashboard should run over several", filepath.Base(path), len(pages))
	}
	all := ""
	for i, p := range pages {
		if !strings.Contains(p, "Kilde: Dosis") {
			t.Errorf("%s: page %d of %d has no source line:\n%s", filepath.Base(path), i+1, len(pages), p)
		}
		all += p
	}
	for _, title := range titles {
		if !strings.Contains(all, title) {
			t.Errorf("%s: the printout lacks %q", filepath.Base(path), title)
		}
	}
}

// TestBrowserDashboardPrintsOnA4: the live dashboard and the downloaded
// HTML dashboard print in Chromium on A4 with the source line at the foot
// of every page, the headline figures and the key figures on paper, the
// filter and the menu not. DOSIS_PRINTS=/dir keeps the PDFs (to render
// with pdftoppm and look at).
//
// Printing is layout, not data: the test runs on SQLite only (the figures'
// path through PostgreSQL is TestBrowserSteeringFirstScreen's).
func TestBrowserDashboardPrintsOnA4(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	ctx, requested := browser(t)
	s := start(t, db)
	setupRolls(t, db)
	dir := os.Getenv("DOSIS_PRINTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := chromedp.Do(ctx, signIn(s.base, "admin", testPassword), chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(s.base+"/dashboard?from=01-01-2026&to=31-12-2026"),
		chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas"))); err != nil {
		t.Fatal(err)
	}
	live := printA4(t, ctx, dir, "dashboard-live")
	checkPrinted(t, live, "Borgere på dosispakning nu", "Nøgletal")
	_, pages := pdfPages(t, live)
	if strings.Contains(strings.Join(pages, ""), "Søg kommune") {
		t.Error("the printed dashboard shows the filter form")
	}
	onlyLocal(t, s.base, requested())

	// The downloaded file, opened from disk as a recipient would.
	file := filepath.Join(t.TempDir(), "dashboard.html")
	if err := os.WriteFile(file, clickDownloadPath(t, ctx, s.base+"/reports?from=01-01-2026&to=31-12-2026"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.CSS(".chart svg"))); err != nil {
		t.Fatal(err)
	}
	checkPrinted(t, printA4(t, ctx, dir, "dashboard-file"), "Nøgletal")
}

// clickDownloadPath opens the reports page and downloads its HTML
// dashboard through the page's link.
func clickDownloadPath(t *testing.T, ctx context.Context, page string) []byte {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#dl-html"))); err != nil {
		t.Fatal(err)
	}
	return clickDownload(t, ctx, "#dl-html")
}
