package web_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dosis-dk/dosis/workflow"
)

// chartFitProbe lists, per chart, every text ECharts drew that reaches out
// of the chart's box (clipped) and every pair of texts that overlap, by
// their drawn bounding boxes.
const chartFitProbe = `(() => {
  const out = [];
  document.querySelectorAll("[data-chart]").forEach(el => {
    const c = echarts.getInstanceByDom(el);
    const w = c.getWidth(), h = c.getHeight();
    const texts = [];
    c.getZr().storage.getDisplayList(true).forEach(d => {
      if (d.type !== "tspan" || !d.style || !String(d.style.text || "").trim()) { return; }
      const l = d.getBoundingRect();
      const m = d.getComputedTransform() || [1, 0, 0, 1, 0, 0];
      const corners = [[l.x, l.y], [l.x + l.width, l.y], [l.x, l.y + l.height], [l.x + l.width, l.y + l.height]]
        .map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
      const xs = corners.map(p => p[0]), ys = corners.map(p => p[1]);
      texts.push({t: String(d.style.text), corners, angle: Math.atan2(m[1], m[0]),
        x: Math.min(...xs), y: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys)});
    });
    // overlap is how far two texts overlap along the axes of their
    // rotation (exact for two rectangles turned alike; for texts turned
    // differently, their upright bounding boxes).
    const overlap = (a, b) => {
      const th = Math.abs(a.angle - b.angle) < 0.01 ? a.angle : 0;
      const axes = [[Math.cos(th), Math.sin(th)], [-Math.sin(th), Math.cos(th)]];
      return Math.min(...axes.map(([ux, uy]) => {
        const pa = (th ? a.corners : [[a.x, a.y], [a.x2, a.y2]]).map(p => p[0] * ux + p[1] * uy);
        const pb = (th ? b.corners : [[b.x, b.y], [b.x2, b.y2]]).map(p => p[0] * ux + p[1] * uy);
        return Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
      }));
    };
    texts.forEach(a => {
      if (a.x < -1 || a.y < -1 || a.x2 > w + 1 || a.y2 > h + 1) {
        out.push(el.dataset.chart + ": \"" + a.t + "\" clipped (" + [a.x, a.y, a.x2, a.y2].map(Math.round) + " in " + w + "×" + h + ")");
      }
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        if (overlap(a, b) > 2) {
          out.push(el.dataset.chart + ": \"" + a.t + "\" overlaps \"" + b.t + "\"");
        }
      }
    }
  });
  return out;
})()`

// TestBrowserDashboardChartsFit: on the small demo data set, no text of any
// dashboard chart (titles, axis names and labels, bar labels, legends) is
// clipped by its box or drawn over another, in Danish and English, at a
// laptop's 1366×768, at 1920×1080 and at a phone's 390 px, and on the
// printed A4 page's width. The FTE chart's axis name was cut off at the
// right. With DOSIS_CHART_SHOTS=/dir it also saves screenshots.
func TestBrowserDashboardChartsFit(t *testing.T) {
	ctx, _ := browser(t)
	dir := os.Getenv("DOSIS_CHART_SHOTS")
	db, logins := smallDemo(t)
	steering := logins[workflow.RoleSteering]
	s := start(t, db)
	if err := chromedp.Do(ctx, signIn(s.base, steering.Username, steering.Password)); err != nil {
		t.Fatal(err)
	}
	page := s.base + "/dashboard?from=01-11-2025&to=31-10-2026"
	for _, lang := range []string{"da", "en"} {
		if lang == "en" {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/lang"] button`)),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] [data-chart] canvas`))); err != nil {
				t.Fatal(err)
			}
		}
		for _, size := range [][2]int64{{1366, 768}, {1920, 1080}, {390, 844}, {700, 990}} {
			name := fmt.Sprintf("%s-%dx%d", lang, size[0], size[1])
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(page),
				chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")), chromedp.Sleep(500*time.Millisecond),
				shotTo(dir, "chartfit-"+name)); err != nil {
				t.Fatal(err)
			}
			problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartFitProbe))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("%s: %d chart texts clipped or overlapping:\n%s", name, len(problems), strings.Join(problems, "\n"))
			}
		}
	}
}
