package web_test

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/xuri/excelize/v2"
)

// download GETs path and returns status, headers and body.
func (c *client) download(path string) (int, http.Header, []byte) {
	c.t.Helper()
	res, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// TestReportDownloads: the project lead downloads the Excel workbook (read
// back with excelize: its sheets are there) and the HTML dashboard, both as
// attachments; neither holds a CPR number or a citizen's name.
func TestReportDownloads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setupRolls(t, db)
		lead := newClient(t, s).login("lead")
		st, h, b := lead.download("/reports/xlsx?from=01-01-2026&to=31-12-2026")
		if st != http.StatusOK || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("xlsx: %d %q", st, h.Get("Content-Disposition"))
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer x.Close()
		sheets := x.GetSheetList()
		for _, want := range []string{"Oversigt", "Kommuner", "Tragt", "Apoteker", "Antagelser"} {
			if !slices.Contains(sheets, want) {
				t.Errorf("the workbook lacks sheet %q (has %v)", want, sheets)
			}
		}
		rows, err := x.GetRows("Kommuner")
		if err != nil {
			t.Fatal(err)
		}
		flat := ""
		for _, r := range rows {
			flat += strings.Join(r, ";") + "\n"
		}
		if strings.Contains(flat, "København") {
			t.Error("the lead's workbook includes another municipality")
		}
		st, h, b = lead.download("/reports/html?from=01-01-2026&to=31-12-2026")
		if st != http.StatusOK || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !bytes.Contains(b, []byte("echarts")) {
			t.Fatalf("html: %d %q", st, h.Get("Content-Disposition"))
		}
		for _, secret := range []string{"010145", "Karen Jensen", "Bo København"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("the dashboard file contains %q", secret)
			}
		}
		if st, _, _ := lead.download("/reports/xlsx?from=31-12-2026&to=01-01-2026"); st != http.StatusUnprocessableEntity {
			t.Errorf("reversed period: %d, want 422", st)
		}
		if st, _, _ := newClient(t, s).login("pharmacy").download("/reports/xlsx"); st != http.StatusForbidden {
			t.Errorf("pharmacy staff download: %d, want 403", st)
		}
	})
}

// TestSteeringDashboardPage: the steering group's dashboard has a chart
// container per chart, the options as a JSON data block, only same-origin
// scripts, no inline script, suppression on, and no CPR number or name.
func TestSteeringDashboardPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setupRolls(t, db)
		st, body := newClient(t, s).login("steering").get("/dashboard?from=01-01-2026&to=31-12-2026&suppress=off")
		if st != http.StatusOK {
			t.Fatalf("dashboard: %d", st)
		}
		if n := strings.Count(body, `data-chart="`); n < 4 {
			t.Errorf("%d chart containers", n)
		}
		for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
			if m != `<script type="application/json" id="chart-options">` && !strings.Contains(m, `src="/static/`) {
				t.Errorf("script tag %s is neither data nor a same-origin file", m)
			}
		}
		if !strings.Contains(body, "diskretioneret") {
			t.Error("the steering group's dashboard is not suppressed")
		}
		for _, secret := range []string{"010145", "Karen Jensen", "Bo København", "1236"} {
			if strings.Contains(body, secret) {
				t.Errorf("the dashboard contains %q", secret)
			}
		}
		res, err := http.Get(s.base + "/static/echarts.min.js")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "javascript") {
			t.Errorf("echarts.min.js: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
	})
}
