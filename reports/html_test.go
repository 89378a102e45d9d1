package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// externalRef finds references that would load a script or style from
// outside the file.
var externalRef = regexp.MustCompile(`(?i)<script[^>]*\ssrc=|<link[^>]*href=["']?(https?:)?//|@import|url\(\s*["']?(https?:)?//`)

func TestRenderHTMLIsOffline(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderHTML(&buf, suppressedSample(t), HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if m := externalRef.FindString(page); m != "" {
		t.Errorf("the dashboard references an outside script or style: %q", m)
	}
	for _, tag := range regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]*>`).FindAllString(page, -1) {
		if strings.Contains(tag, "http://") || strings.Contains(tag, "https://") {
			t.Errorf("tag with an external URL: %s", tag)
		}
	}
	if !bytes.Contains(buf.Bytes(), EChartsJS()[:200]) || len(EChartsJS()) < 900_000 {
		t.Error("the ECharts script is not inlined")
	}
	for _, want := range []string{"01-01-2026 – 28-02-2026", "Dannet 02-03-2026 kl. 09:30", "Kilde:", "@media print",
		`id="chart-share"`, `id="chart-lead"`, "Frigjorte årsværk", "diskr."} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
}

func TestRenderHTMLScriptURL(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderHTML(&buf, sampleReport(t), HTMLOptions{ScriptURL: "/static/echarts.min.js"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<script src="/static/echarts.min.js"></script>`) || buf.Len() > 200_000 {
		t.Error("the script is not referenced at the local URL")
	}
	if err := RenderHTML(&buf, sampleReport(t), HTMLOptions{ScriptURL: "https://cdn.example/echarts.js"}); err == nil {
		t.Error("an external script URL was accepted")
	}
}

// TestChartOptionsGolden keeps every chart's ECharts options in
// testdata/charts/ID.json; run with -update to rewrite them.
func TestChartOptionsGolden(t *testing.T) {
	chs, err := DashboardCharts(suppressedSample(t), i18n.Danish)
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) != 6 {
		t.Fatalf("%d charts, want 6", len(chs))
	}
	for _, c := range chs {
		var v any
		if err := json.Unmarshal([]byte(c.Options), &v); err != nil {
			t.Fatalf("chart %s: %v", c.ID, err)
		}
		got, _ := json.MarshalIndent(v, "", "  ")
		got = append(got, '\n')
		path := filepath.Join("testdata", "charts", c.ID+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("chart %s options differ from %s:\n%s", c.ID, path, got)
		}
	}
}

func TestFormatDA(t *testing.T) {
	cases := []struct {
		v    any
		kind string
		want string
	}{{1234567, KindInt, "1.234.567"}, {12.345, KindDecimal, "12,3"}, {0.0456, KindPercent, "4,6 %"},
		{nil, KindInt, "–"}, {HiddenValue{}, KindInt, HiddenText}, {-1234.5, KindDecimal, "-1.234,5"}, {999, KindInt, "999"}}
	for _, c := range cases {
		if got := FormatDA(c.v, c.kind); got != c.want {
			t.Errorf("FormatDA(%v, %s) = %q, want %q", c.v, c.kind, got, c.want)
		}
	}
}
