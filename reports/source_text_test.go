package reports

import (
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// TestSourceAndCalibrationInEnglish: the English web pages showed the
// Danish source and calibration lines. In English they hold no Danish
// word and English numbers; the Danish lines (the files') are as before.
func TestSourceAndCalibrationInEnglish(t *testing.T) {
	r := sampleReport(t)
	r.PopulationScale = 0.05
	r.Suppressed = true
	r.Params.Default.HoursPerFTE.Value = 1600
	r.Params.Overrides = map[int]Model{851: r.Params.Default}
	if got := i18n.T(i18n.Danish, "source.population"); got != PopulationEstimateNote {
		t.Errorf("the catalogue's population note %q differs from PopulationEstimateNote %q", got, PopulationEstimateNote)
	}
	da := SourceLine(r) + " " + r.CalibrationText()
	for _, want := range []string{"Kilde: Dosis, kommunernes egne sagsdata", PopulationEstimateNote, "skaleret med stikprøvens andel af landet (5,0 %)",
		"er diskretioneret", "Kalibrering: med de gældende parametre (ændret fra standard: timer pr. årsværk)", "Kommuner med egne parametre: 851"} {
		if !strings.Contains(da, want) {
			t.Errorf("Danish lines lack %q:\n%s", want, da)
		}
	}
	en := SourceLineIn(r, i18n.English) + " " + r.CalibrationTextIn(i18n.English)
	for _, want := range []string{"Source: Dosis", "population figures are estimates", "share of the country (5.0%)", "are suppressed",
		"Calibration: with the parameters in force (changed from the defaults: hours per FTE)", "40,000 citizens", "Municipalities with their own parameters: 851"} {
		if !strings.Contains(en, want) {
			t.Errorf("English lines lack %q:\n%s", want, en)
		}
	}
	for _, danish := range []string{"Kilde", "kommunernes", "befolkningstal", "skaleret", "diskretioneret", "Kalibrering", "borgere", "årsværk", "frigør", "40.000"} {
		if strings.Contains(en, danish) {
			t.Errorf("English lines contain the Danish %q:\n%s", danish, en)
		}
	}
}
