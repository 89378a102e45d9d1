package reports

import (
	"fmt"
)

// Figure kinds: how a key figure is formatted.
const (
	KindInt     = "int"
	KindDecimal = "decimal"
	KindPercent = "percent"
	KindText    = "text"
)

// KeyFigure is one line of the summary: a label and a value that is an
// int, a float64, a string, HiddenValue when suppressed, or nil when not
// computable.
type KeyFigure struct {
	LabelDA string
	Value   any
	Kind    string
	// Heading, when set, starts a section of the figures (the national
	// goal, the recommendations) with this title.
	Heading string
}

// Period formats the report period as "dd-mm-yyyy – dd-mm-yyyy".
func (r Report) Period() string {
	return r.Filter.From.Format() + " – " + r.Filter.To.Format()
}

// KeyFigures returns the summary figures shared by the workbook and the
// dashboard.
func (r Report) KeyFigures() []KeyFigure {
	t := r.Total
	devRate := Div(1000*float64(r.Deviations.N), float64(t.Rolls.N)).hideIf(r.Deviations, t.Rolls)
	return append([]KeyFigure{
		{"Periode", r.Period(), KindText, ""},
		{"Kommuner i rapporten", len(r.Municipalities), KindInt, ""},
		{"Kommuner udeladt (under 30 aktive borgere)", r.Omitted, KindInt, ""},
		{"Borgere med hjælp til medicin", count(t.MedicineHelp), KindInt, ""},
		{"Vurderet egnede borgere", count(t.Eligible), KindInt, ""},
		{"Aktive på dosispakning ved periodens slut", count(t.Active), KindInt, ""},
		{"Andel af borgere med medicinhjælp på dosispakning", ratio(t.ShareOfHelp), KindPercent, ""},
		{"Andel af borgere på 75 år og derover på dosispakning (75+-befolkningen er et skøn)", ratio(t.ShareOf75), KindPercent, ""},
		{"Borgermåneder på dosispakning i perioden", ratio(t.CitizenMonths), KindDecimal, ""},
		{"Frigjorte timer i perioden", ratio(t.Hours.Hours), KindDecimal, ""},
		{"Frigjorte årsværk i perioden", ratio(t.Hours.FTE), KindDecimal, ""},
		{"Potentiale: egnede borgere, ikke startet", count(t.Potential), KindInt, ""},
		{"Potentiale: årsværk pr. år", ratio(t.Hours.PotentialFTE), KindDecimal, ""},
		{r.WhatIfLabel() + ": årsværk pr. år", ratio(t.Hours.WhatIfFTE), KindDecimal, ""},
		{"Akutruller pr. 100 borgermåneder", ratio(t.UrgentPer100), KindDecimal, ""},
		{"Lægens godkendelsesandel, første forslag", ratio(r.GPTotal.ApprovalRate), KindPercent, ""},
		{"Lægens svartid, første forslag, median (dage)", ratio(r.GPTotal.MedianDays), KindDecimal, ""},
		{"Fornyelser af dosisordinationen", count(r.RenewalTotal.Requests), KindInt, ""},
		{"Lægens godkendelsesandel, fornyelser", ratio(r.RenewalTotal.ApprovalRate), KindPercent, ""},
		{"Lægens svartid, fornyelser, median (dage)", ratio(r.RenewalTotal.MedianDays), KindDecimal, ""},
		{"Afvigelser ved modtagekontrol pr. 1.000 ruller", ratio(devRate), KindDecimal, ""},
		{"Standardmodel: borgere på dosispakning pr. frigjort årsværk", R(r.Params.Default.CitizensPerFTE()).V, KindDecimal, ""},
	}, append(headed("Det nationale mål: 600–900 årsværk", r.goalFigures()), headed("Anbefalingerne fulgt", r.recFigures())...)...)
}

// headed gives the first figure of a section its heading.
func headed(h string, fs []KeyFigure) []KeyFigure {
	if len(fs) > 0 {
		fs[0].Heading = h
	}
	return fs
}

// goalFigures are the key figures of the national goal (see Goal).
func (r Report) goalFigures() []KeyFigure {
	g := r.Goal.Total
	if g.Hidden {
		h := HiddenValue{}
		return []KeyFigure{{"Frigjorte årsværk nu (pr. år, seneste måneds tempo)", h, KindDecimal, ""},
			{"Mål (600–900 årsværk; andel for kommunerne i rapporten)", h, KindText, ""},
			{"600-målet nås", h, KindText, ""}, {"900-målet nås", h, KindText, ""}}
	}
	return []KeyFigure{
		{"Frigjorte årsværk nu (pr. år, seneste måneds tempo)", ratio(g.NowFTE), KindDecimal, ""},
		{"Mål (600–900 årsværk; andel for kommunerne i rapporten)", FormatDA(g.TargetLow.V, KindDecimal) + "–" + FormatDA(g.TargetHigh.V, KindDecimal) + " årsværk", KindText, ""},
		{"600-målet nås", ReachText(g.ReachLow, g.ReachedLow), KindText, ""},
		{"900-målet nås", ReachText(g.ReachHigh, g.ReachedHigh), KindText, ""},
	}
}

// ScaleNote says that the population denominators are scaled with a demo
// sample.
func (r Report) ScaleNote() string {
	return "Demodata: befolkningstallene (borgere i alt og 75+) er skaleret med stikprøvens andel af landet (" +
		FormatDA(r.PopulationScale, KindPercent) + "), så andelene kan sammenlignes med de offentliggjorte."
}

// WhatIfLabel names the what-if with its percentage and base.
func (r Report) WhatIfLabel() string {
	return fmt.Sprintf("Hvis %g %% af %s går over", r.Params.WhatIfPercent.Value, r.Params.WhatIfBase.LabelDA())
}

// PopulationEstimateNote says that the population figures are estimates
// (data/refdata/SOURCES.md), wherever the report uses them.
const PopulationEstimateNote = "befolkningstal er skøn over Danmarks Statistik FOLK1A 2024K1, ikke hentet fra Statistikbanken"

// HiddenValue stands for a suppressed figure in rendered tables; it is
// shown as HiddenText.
type HiddenValue struct{}

// HiddenText is how a suppressed figure is shown; a figure that cannot be
// computed (a zero denominator) is shown as "–".
const HiddenText = "diskr."

// count returns the count's number, or HiddenValue when it is hidden.
func count(c Count) any {
	if c.Hidden {
		return HiddenValue{}
	}
	return c.N
}

// ratio returns the figure, HiddenValue when it is hidden, or nil when it
// cannot be computed.
func ratio(r Ratio) any {
	switch {
	case r.Hidden:
		return HiddenValue{}
	case !r.Valid:
		return nil
	}
	return r.V
}
