package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestWorkbookOpensInLibreOffice converts a generated workbook (the
// suppressed and the unsuppressed sample) to PDF with LibreOffice
// (`soffice --headless --convert-to pdf`): LibreOffice must read it —
// a workbook it has to repair does not convert, or converts empty — and
// the PDF must hold the summary's title, period and figures and every
// sheet's heading. Skipped without soffice unless DOSIS_REQUIRE_SOFFICE=1
// (CI installs libreoffice-calc-nogui and poppler-utils).
// DOSIS_PRINTS=/dir keeps the PDFs to look at.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("DOSIS_REQUIRE_SOFFICE") == "1" {
			t.Fatal("DOSIS_REQUIRE_SOFFICE=1 but soffice is not installed (apt-get install libreoffice-calc-nogui)")
		}
		t.Skip("soffice is not installed (apt-get install -y --no-install-recommends libreoffice-calc-nogui)")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil && os.Getenv("DOSIS_REQUIRE_SOFFICE") == "1" {
		t.Fatal("DOSIS_REQUIRE_SOFFICE=1 but pdftotext is not installed (apt-get install poppler-utils)")
	}
	keep := os.Getenv("DOSIS_PRINTS")
	for _, c := range []struct {
		name string
		r    Report
		want []string
	}{
		{"workbook", sampleReport(t), []string{"Nøgletal", "01-01-2026 – 28-02-2026", "Aalborg", "Frigjorte årsværk i perioden", "01-2026"}},
		{"workbook-suppressed", suppressedSample(t), []string{"Nøgletal", "diskr.", "diskretioneret"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var b bytes.Buffer
			if err := WriteXLSX(&b, c.r); err != nil {
				t.Fatal(err)
			}
			xlsx := filepath.Join(dir, c.name+".xlsx")
			if err := os.WriteFile(xlsx, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			// A profile of its own: no first-start dialogs, no clash with
			// another soffice running on the machine.
			cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
				"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, xlsx)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			pdf := filepath.Join(dir, c.name+".pdf")
			st, err := os.Stat(pdf)
			if err != nil || st.Size() < 10_000 {
				t.Fatalf("soffice made no PDF of the workbook (%v):\n%s", err, out)
			}
			if strings.Contains(strings.ToLower(string(out)), "error") {
				t.Errorf("soffice reported an error:\n%s", out)
			}
			if keep != "" {
				if err := os.WriteFile(filepath.Join(keep, c.name+".pdf"), mustRead(t, pdf), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if pdftotext == "" {
				t.Log("pdftotext not installed: the PDF's text is not checked")
				return
			}
			text, err := exec.Command(pdftotext, pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range append(c.want, sheetHeadings()...) {
				if !strings.Contains(string(text), w) {
					t.Errorf("the PDF of the workbook lacks %q", w)
				}
			}
			// A chart series whose name LibreOffice could not read shows
			// as "Column B".
			if strings.Contains(string(text), "Column ") {
				t.Error("a chart series has no name LibreOffice can read (it shows \"Column …\")")
			}
			// A month on a chart axis as its date serial (45992 for 12-2025).
			if serial := regexp.MustCompile(`\b(4[5-9]|5[0-9])[0-9]{3}\b`).Find(text); serial != nil {
				t.Errorf("the PDF shows %s, a date as its serial number (a chart axis without a date format)", serial)
			}
			if n := len(regexp.MustCompile("\f").FindAllIndex(text, -1)); n < len(sheetHeadings()) {
				t.Errorf("the PDF has %d pages, fewer than the %d sheets", n, len(sheetHeadings()))
			}
		})
	}
}

// sheetHeadings are texts the first rows of the sheets hold.
func sheetHeadings() []string {
	return []string{"Dosispakket medicin: udbredelse og frigjorte sygeplejetimer", "Kilde: Dosis"}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
