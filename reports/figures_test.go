package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// TestFunnelConversionPerMunicipality: Åbnet → startet is filled in every
// municipality row, not only in the total (issue 12 item 5).
func TestFunnelConversionPerMunicipality(t *testing.T) {
	r := sampleReport(t)
	for _, f := range r.Funnel.Rows {
		want := float64(f.Stages[6].N) / float64(f.Stages[0].N)
		if !f.Conversion.Valid || f.Conversion.V != want {
			t.Errorf("%d: conversion %+v, want %v", f.Code, f.Conversion, want)
		}
	}
}

// TestCalibrationNamesTheParametersInForce: after an override the line no
// longer says "standardparametrene" and names what changed (item 9).
func TestCalibrationNamesTheParametersInForce(t *testing.T) {
	r := sampleReport(t)
	if got := r.CalibrationText(); !strings.Contains(got, "med standardparametrene frigør 40.000 borgere") {
		t.Errorf("default: %q", got)
	}
	r.Params.Default.HoursPerFTE.Value = 1600
	r.Params.Overrides = map[int]Model{851: r.Params.Default}
	got := r.CalibrationText()
	for _, want := range []string{"med de gældende parametre (ændret fra standard: timer pr. årsværk)", "Kommuner med egne parametre: 851"} {
		if !strings.Contains(got, want) {
			t.Errorf("override: %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "standardparametrene") {
		t.Errorf("override: %q still says standardparametrene", got)
	}
}

// TestPopulationMarkedAsEstimate: every place that uses the population
// figures says they are estimates (item 9).
func TestPopulationMarkedAsEstimate(t *testing.T) {
	r := sampleReport(t)
	if !strings.Contains(SourceLine(r), PopulationEstimateNote) {
		t.Error("the source line does not say the population figures are estimates")
	}
	found := false
	for _, k := range r.KeyFigures() {
		if strings.Contains(k.LabelDA, "75 år") {
			found = strings.Contains(k.LabelDA, "skøn")
		}
	}
	if !found {
		t.Error("the 75+ key figure is not marked as an estimate")
	}
}

// TestRenewalsApart: renewals are their own figure; the GP approval figures
// are first proposals only (item 6).
func TestRenewalsApart(t *testing.T) {
	r := sampleReport(t)
	if r.GPTotal.Requests.N != 140+12+100 || r.RenewalTotal.Requests.N != 100 || r.RenewalTotal.Approved.N != 98 {
		t.Errorf("first proposals %d, renewals %d (%d approved)", r.GPTotal.Requests.N, r.RenewalTotal.Requests.N, r.RenewalTotal.Approved.N)
	}
	if want := 216.0 / (216 + 23); r.GPTotal.ApprovalRate.V != want {
		t.Errorf("first-proposal approval rate %v, want %v", r.GPTotal.ApprovalRate.V, want)
	}
	got := map[string]any{}
	for _, k := range r.KeyFigures() {
		got[k.LabelDA] = k.Value
	}
	if got["Fornyelser af dosisordinationen"] != 100 || got["Lægens godkendelsesandel, fornyelser"] != 1.0 {
		t.Errorf("key figures: %v", got)
	}
}

// TestLeadChartOneUnit: the lead-time chart compares clock hours with the
// promise on the clock, not with the promise in working hours (item 9).
func TestLeadChartOneUnit(t *testing.T) {
	r := sampleReport(t)
	_, ch := leadChart(r, i18n.Danish)
	raw, err := json.Marshal(ch.JSON())
	if err != nil {
		t.Fatal(err)
	}
	got := string(raw)
	// Aalborg Apotek promises 24 working hours; on the clock the sample's
	// promises are 72 hours.
	if !strings.Contains(got, `"name":"Lovet, median"`) || !strings.Contains(got, `"value":[72,`) || !strings.Contains(got, "timer på uret") {
		t.Errorf("lead chart: %s", got)
	}
}

// TestRecommendationsMeasured: the recommendations' figures from the
// sample, and under disclosure control a single recording member of staff
// is hidden with what rests on it (item 12).
func TestRecommendationsMeasured(t *testing.T) {
	r := sampleReport(t)
	rec := r.Recs
	if len(rec.Versions) != 2 || rec.Versions[0] != "default v2" {
		t.Fatalf("versions %v, want the most used first", rec.Versions)
	}
	if want := 458.0 / 508; rec.AssessTotal.Uniform.V != want || rec.AssessTotal.Total.N != 508 {
		t.Errorf("uniform share %v of %d, want %v of 508", rec.AssessTotal.Uniform.V, rec.AssessTotal.Total.N, want)
	}
	if want := 153.0 / 280; rec.ConsentTotal.Share.V != want {
		t.Errorf("consents outside the daily care %v, want %v", rec.ConsentTotal.Share.V, want)
	}
	by := map[int]RecorderRow{}
	for _, c := range rec.Recorders {
		by[c.Code] = c
	}
	if c := by[101]; c.Cases.N != 300 || c.Staff.N != 4 || c.PerStaff.V != 75 || c.TopShare.V != 100.0/300 {
		t.Errorf("101 recorders %+v", c)
	}
	if rec.Lead.Pharmacies != 1 || rec.Lead.Spread.V != 0 {
		t.Errorf("lead spread %+v: only Aalborg Apotek has 5 deliveries", rec.Lead)
	}
	s := suppressedSample(t)
	for _, c := range s.Recs.Recorders {
		if c.Code == 461 && (!c.Staff.Hidden || c.PerStaff.Shown()) {
			t.Errorf("461's one recording member of staff is shown: %+v", c)
		}
	}
	labels := 0
	for _, k := range r.KeyFigures() {
		if strings.HasPrefix(k.LabelDA, "Anbefaling") {
			labels++
		}
	}
	if labels != 4 {
		t.Errorf("%d recommendation key figures, want 4", labels)
	}
}

// TestKeyFiguresInEnglish: every key figure has an English label, and an
// English screen shows no Danish label or Danish text value (the goal's
// target and reach), while a Danish one is unchanged; suppressed and
// unsuppressed reports alike.
func TestKeyFiguresInEnglish(t *testing.T) {
	for _, suppressed := range []bool{false, true} {
		r := sampleReport(t)
		if suppressed {
			r = Suppress(r)
		}
		for _, k := range r.KeyFigures() {
			if k.LabelEN == "" || k.LabelEN == k.LabelDA {
				t.Errorf("suppressed %v: %q has no English label (%q)", suppressed, k.LabelDA, k.LabelEN)
			}
			if k.Heading != "" && (k.HeadingEN == "" || k.HeadingEN == k.Heading) {
				t.Errorf("heading %q has no English (%q)", k.Heading, k.HeadingEN)
			}
			if k.Label(i18n.Danish) != k.LabelDA || k.Format(i18n.Danish) != FormatIn(i18n.Danish, k.Value, k.Kind) {
				t.Errorf("Danish %q changed: %q %q", k.LabelDA, k.Label(i18n.Danish), k.Format(i18n.Danish))
			}
			en := k.Format(i18n.English)
			for _, da := range []string{"årsværk", "nås", "aldrig", "diskr."} {
				if strings.Contains(en, da) {
					t.Errorf("%q in English is %q (Danish %q)", k.LabelEN, en, da)
				}
			}
		}
	}
}
