package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// chartProbe reads, in the page, what ECharts made of each chart's
// options: whether the axis, label and tooltip formatters became
// functions, what they write for 1234.5, the category labels and the
// legend.
const chartProbe = `(() => {
  const out = {};
  document.querySelectorAll("[data-chart]").forEach(el => {
    const o = echarts.getInstanceByDom(el).getOption();
    const value = [...o.xAxis, ...o.yAxis].find(a => a.type === "value");
    const cat = [...o.xAxis, ...o.yAxis].find(a => a.type === "category");
    const f = value && value.axisLabel && value.axisLabel.formatter;
    const label = o.series[0].label && o.series[0].label.formatter;
    out[el.dataset.chart] = {
      title: o.title[0].text,
      axisFn: typeof f === "function", axis: typeof f === "function" ? f(1234.5) : "",
      tooltipFn: typeof o.tooltip[0].valueFormatter === "function",
      labelFn: typeof label === "function", label: typeof label === "function" ? label({value: 1234.5}) : "",
      interval: cat ? String(cat.axisLabel.interval) : "", categories: cat && cat.data ? cat.data.length : 0,
      legend: o.legend.length ? o.legend[0].show !== false : false,
      legendTop: o.legend.length ? String(o.legend[0].top) : "",
      series: o.series.map(s => s.type).join(","),
    };
  });
  return out;
})()`

// chartFacts is what chartProbe returns for one chart.
type chartFacts struct {
	Title, Axis, Label, Interval, LegendTop, Series string
	AxisFn, TooltipFn, LabelFn, Legend              bool
	Categories                                      int
}

// TestBrowserSteeringFirstScreen: the steering group lands on the
// dashboard; its headline figures are the report's (active citizens, the
// change against the report a year earlier, the share of the 75+);
// municipalities are named, never coded; the charts' formatters are
// functions writing Danish numbers (English ones after switching
// language, with English titles); every category of the ranked charts is
// labelled; the funnel has no legend over its title; and the
// municipality picker filters as one types, picks by keyboard and submits
// the chosen codes.
func TestBrowserSteeringFirstScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx, requested := browser(t)
		s := start(t, db)
		f := setupRolls(t, db)
		// Both urgent rolls delivered, so each pharmacy has a lead time.
		later := workflow.NewService(db, func() time.Time { return t0.Add(3 * time.Hour) }, workflow.DefaultSettings())
		for _, id := range []string{f.urgent851.ID, f.urgent101.ID} {
			sys := workflow.System("test")
			dbtest.Must(later.AcceptUrgentRoll(context.Background(), sys, id, ""))(t)
			dbtest.Must(later.MarkUrgentPacked(context.Background(), sys, id, ""))(t)
			dbtest.Must(later.MarkUrgentDelivered(context.Background(), sys, id, ""))(t)
		}

		// The steering group's first screen is the dashboard.
		var landed string
		if err := chromedp.Do(ctx, signIn(s.base, "steering", testPassword), chromedp.WaitVisible(chromedp.CSS("#head-active")),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				var err error
				landed, err = chromedp.Run(ctx, chromedp.Location())
				return err
			})); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(landed, "/dashboard") {
			t.Errorf("the steering group landed on %s, want the dashboard", landed)
		}
		if err := chromedp.Do(ctx, logOut()); err != nil {
			t.Fatal(err)
		}

		// The admin's unsuppressed dashboard: the headline figures are the report's.
		period := "?from=01-01-2026&to=31-12-2026"
		if err := chromedp.Do(ctx, signIn(s.base, "admin", testPassword), chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(s.base+"/dashboard"+period), chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas")),
			chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		heads, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(
			[...document.querySelectorAll(".headline")].map(h => [h.id.replace("head-", ""), h.querySelector(".value").textContent]))`))
		if err != nil {
			t.Fatal(err)
		}
		bg := context.Background()
		admin := f.users["admin"].Actor()
		filter := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31)}
		rep := dbtest.Must(db.Report(bg, admin, filter, reports.DefaultParams(), false, t0))(t)
		agoFilter := reports.Filter{From: calendar.NewDate(2025, 1, 1), To: calendar.NewDate(2025, 12, 31)}
		ago := dbtest.Must(db.Report(bg, admin, agoFilter, reports.DefaultParams(), false, t0))(t)
		change := rep.Total.Active.N - ago.Total.Active.N
		want := map[string]string{
			"active":  reports.FormatDA(rep.Total.Active.N, reports.KindInt),
			"change":  "+" + reports.FormatDA(change, reports.KindInt),
			"share75": reports.FormatDA(rep.Total.ShareOf75.V, reports.KindPercent),
		}
		if rep.Total.Active.N == 0 || change <= 0 {
			t.Fatalf("the fixture should have active citizens now and none a year before: %d, %+d", rep.Total.Active.N, change)
		}
		for id, w := range want {
			if heads[id] != w {
				t.Errorf("headline %s shows %q, the report says %q", id, heads[id], w)
			}
		}
		for _, id := range []string{"fte_year", "goal"} {
			if v := heads[id]; v == "" || v == "–" || strings.Contains(v, "[") {
				t.Errorf("headline %s = %q", id, v)
			}
		}

		// Chart options: formatters as functions writing Danish numbers,
		// every bar labelled, the funnel without a legend on its title.
		facts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]chartFacts](chartProbe))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"share", "trend", "goal", "funnel", "hours", "lead"} {
			c, ok := facts[id]
			if !ok {
				t.Errorf("no chart %s", id)
				continue
			}
			if !c.AxisFn || !c.TooltipFn || !strings.HasPrefix(c.Axis, "1.23") {
				t.Errorf("chart %s: axis formatter %v (%q), tooltip formatter %v; want Danish 1.234…", id, c.AxisFn, c.Axis, c.TooltipFn)
			}
		}
		for _, id := range []string{"share", "hours", "lead"} {
			if c := facts[id]; c.Interval != "0" || !c.LabelFn || !strings.HasPrefix(c.Label, "1.23") {
				t.Errorf("chart %s: category interval %q, bar label %v %q: want every bar named and labelled", id, c.Interval, c.LabelFn, c.Label)
			}
		}
		if c := facts["lead"]; c.Series != "bar,bar,scatter" || c.Categories != 2 {
			t.Errorf("lead chart: series %s over %d pharmacies, want median and p90 bars with the promise marked, one per pharmacy", c.Series, c.Categories)
		}
		checkSharePercent(t, ctx, i18n.Danish)
		if c := facts["funnel"]; c.Legend {
			t.Errorf("the funnel shows a legend (top %s) over its title", c.LegendTop)
		}
		if c := facts["hours"]; c.Legend && c.LegendTop != "bottom" {
			t.Errorf("the FTE chart's legend is at %q, over its title", c.LegendTop)
		}

		// Names, not codes: the share chart names the municipalities and no
		// municipality code stands in the page's text.
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`\b(851|101)\b`).FindString(text); m != "" {
			t.Errorf("the dashboard shows the municipality code %s", m)
		}

		// The picker: typing filters, Enter picks the first match without
		// submitting, arrow down and space pick another, and the form
		// submits the chosen codes.
		visible := func() []string {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll(".mselect-list label")].filter(l => !l.hidden).map(l => l.dataset.name)`))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#m-search"), "aalb")); err != nil {
			t.Fatal(err)
		}
		if v := visible(); len(v) != 1 || v[0] != "Aalborg" {
			t.Errorf("after typing aalb the list shows %v", v)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); loc != period {
			t.Fatalf("Enter in the search field submitted the form: %s", loc)
		}
		for i, step := range []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Escape), chromedp.SendKeys(chromedp.CSS("#m-search"), "kobenh"),
			chromedp.SendKeys(chromedp.CSS("#m-search"), kb.ArrowDown), chromedp.KeyEvent(" "),
		} {
			if err := chromedp.Do(ctx, step); err != nil {
				t.Fatalf("picker step %d: %v", i, err)
			}
		}
		if v := visible(); len(v) != 1 || v[0] != "København" {
			t.Errorf("after typing kobenh (no ø) the list shows %v", v)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.search,
			document.querySelector(".mselect-count").textContent,
			[...document.querySelectorAll('input[name="m"]:checked')].map(c => c.value).join(",")]`))
		if err != nil {
			t.Fatal(err)
		}
		if state[0] != period || state[1] != "2 kommuner valgt: København, Aalborg" || state[2] != "101,851" {
			t.Errorf("after Enter and space: address %s, count %q, chosen %s; want not submitted, 2 chosen: 101 and 851", state[0], state[1], state[2])
		}
		// Enter picks the first name that starts with what was typed: "od"
		// is Odsherred, not Rødovre (first in the list, "od" inside).
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Escape),
			chromedp.SendKeys(chromedp.CSS("#m-search"), "od"), chromedp.SendKeys(chromedp.CSS("#m-search"), kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if c, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".mselect-count").textContent`)); c != "3 kommuner valgt: København, Odsherred, Aalborg" {
			t.Errorf("after od and Enter: %q", c)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="m"][value="306"]`))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".report-filter button[type=submit]"))); err != nil {
			t.Fatal(err)
		}
		// Wait for the new page: the old one has canvases too (a race under load).
		search := period
		for deadline := time.Now().Add(20 * time.Second); search == period && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
			if search, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); err != nil {
				search = period // mid-navigation: ask again
			}
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("[data-chart] canvas"))); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(search, "m=101") || !strings.Contains(search, "m=851") {
			t.Errorf("the form submitted %s, want both codes", search)
		}

		// English charts in English, with English numbers.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/lang"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] [data-chart] canvas`)), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		facts, err = chromedp.Run(ctx, chromedp.Evaluate[map[string]chartFacts](chartProbe))
		if err != nil {
			t.Fatal(err)
		}
		if c := facts["funnel"]; c.Title != "Funnel: cases opened in the period" || !strings.HasPrefix(c.Axis, "1,23") {
			t.Errorf("English funnel: title %q, axis %q", c.Title, c.Axis)
		}
		checkSharePercent(t, ctx, i18n.English)
		onlyLocal(t, s.base, requested())
	})
}

// sharePercentProbe writes 12.345 and 4 with the share chart's bar label,
// axis and tooltip formatters.
const sharePercentProbe = `(() => {
  const o = echarts.getInstanceByDom(document.querySelector('[data-chart="share"]')).getOption();
  const axis = [...o.xAxis, ...o.yAxis].find(a => a.type === "value").axisLabel.formatter;
  return [o.series[0].label.formatter({value: 12.345}), axis(4), o.tooltip[0].valueFormatter(12.345)];
})()`

// checkSharePercent: the share chart writes percentages as the tables do
// (reports.FormatIn: one decimal, a decimal comma in Danish), in its bar
// labels, axis and tooltip; it wrote two decimals.
func checkSharePercent(t *testing.T, ctx context.Context, l i18n.Lang) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](sharePercentProbe))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{reports.FormatIn(l, 0.12345, reports.KindPercent), reports.FormatIn(l, 0.04, reports.KindPercent),
		reports.FormatIn(l, 0.12345, reports.KindPercent)}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s share chart writes 12.345 %% and 4 %% as %q (label, axis, tooltip), the tables as %q", l, got, want)
	}
}
