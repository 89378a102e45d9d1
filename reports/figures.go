package reports

import (
	"fmt"

	"github.com/dosis-dk/dosis/i18n"
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
	LabelDA, LabelEN string
	Value            any
	Kind             string
	// ValueEN, when set, is a text value in English (Value is Danish).
	ValueEN any
	// Heading, when set, starts a section of the figures (the national
	// goal, the recommendations) with this title; HeadingEN in English.
	Heading, HeadingEN string
}

// Label is the figure's label in l.
func (k KeyFigure) Label(l i18n.Lang) string { return l.Pick(k.LabelDA, k.LabelEN) }

// Format is the figure's value formatted in l (FormatIn).
func (k KeyFigure) Format(l i18n.Lang) string {
	if l.English() && k.ValueEN != nil {
		return FormatIn(l, k.ValueEN, k.Kind)
	}
	return FormatIn(l, k.Value, k.Kind)
}

// HeadingIn is the section heading in l ("" when the figure opens none).
func (k KeyFigure) HeadingIn(l i18n.Lang) string { return l.Pick(k.Heading, k.HeadingEN) }

// Period formats the report period as "dd-mm-yyyy – dd-mm-yyyy".
func (r Report) Period() string {
	return r.Filter.From.Format() + " – " + r.Filter.To.Format()
}

// KeyFigures returns the summary figures shared by the workbook and the
// dashboard.
func (r Report) KeyFigures() []KeyFigure {
	t := r.Total
	devRate := Div(1000*float64(r.Deviations.N), float64(t.Rolls.N)).hideIf(r.Deviations, t.Rolls)
	w := r.Params.WhatIfPercent.Value
	return append([]KeyFigure{
		{LabelDA: "Periode", LabelEN: "Period", Value: r.Period(), Kind: KindText},
		{LabelDA: "Kommuner i rapporten", LabelEN: "Municipalities in the report", Value: len(r.Municipalities), Kind: KindInt},
		{LabelDA: "Kommuner udeladt (under 30 aktive borgere)", LabelEN: "Municipalities left out (under 30 active citizens)", Value: r.Omitted, Kind: KindInt},
		{LabelDA: "Borgere med hjælp til medicin", LabelEN: "Citizens with medicine help", Value: count(t.MedicineHelp), Kind: KindInt},
		{LabelDA: "Vurderet egnede borgere", LabelEN: "Citizens assessed eligible", Value: count(t.Eligible), Kind: KindInt},
		{LabelDA: "Aktive på dosispakning ved periodens slut", LabelEN: "Active on dose dispensing at the end of the period", Value: count(t.Active), Kind: KindInt},
		{LabelDA: "Andel af borgere med medicinhjælp på dosispakning", LabelEN: "Share of citizens with medicine help on dose dispensing", Value: ratio(t.ShareOfHelp), Kind: KindPercent},
		{LabelDA: "Andel af borgere på 75 år og derover på dosispakning (75+-befolkningen er et skøn)",
			LabelEN: "Share of citizens aged 75 or more on dose dispensing (the 75+ population is an estimate)", Value: ratio(t.ShareOf75), Kind: KindPercent},
		{LabelDA: "Borgermåneder på dosispakning i perioden", LabelEN: "Citizen-months on dose dispensing in the period", Value: ratio(t.CitizenMonths), Kind: KindDecimal},
		{LabelDA: "Frigjorte timer i perioden", LabelEN: "Nursing hours freed in the period", Value: ratio(t.Hours.Hours), Kind: KindDecimal},
		{LabelDA: "Frigjorte årsværk i perioden", LabelEN: "FTE freed in the period", Value: ratio(t.Hours.FTE), Kind: KindDecimal},
		{LabelDA: "Potentiale: egnede borgere, ikke startet", LabelEN: "Potential: eligible citizens, not started", Value: count(t.Potential), Kind: KindInt},
		{LabelDA: "Potentiale: årsværk pr. år", LabelEN: "Potential: FTE per year", Value: ratio(t.Hours.PotentialFTE), Kind: KindDecimal},
		{LabelDA: r.WhatIfLabel() + ": årsværk pr. år", LabelEN: fmt.Sprintf("If %g %% of %s move over: FTE per year", w, r.Params.WhatIfBase.LabelEN()),
			Value: ratio(t.Hours.WhatIfFTE), Kind: KindDecimal},
		{LabelDA: "Akutruller pr. 100 borgermåneder", LabelEN: "Urgent rolls per 100 citizen-months", Value: ratio(t.UrgentPer100), Kind: KindDecimal},
		{LabelDA: "Lægens godkendelsesandel, første forslag", LabelEN: "GP approval rate, first proposals", Value: ratio(r.GPTotal.ApprovalRate), Kind: KindPercent},
		{LabelDA: "Lægens svartid, første forslag, median (dage)", LabelEN: "GP response time, first proposals, median (days)", Value: ratio(r.GPTotal.MedianDays), Kind: KindDecimal},
		{LabelDA: "Fornyelser af dosisordinationen", LabelEN: "Renewals of the dose prescription", Value: count(r.RenewalTotal.Requests), Kind: KindInt},
		{LabelDA: "Lægens godkendelsesandel, fornyelser", LabelEN: "GP approval rate, renewals", Value: ratio(r.RenewalTotal.ApprovalRate), Kind: KindPercent},
		{LabelDA: "Lægens svartid, fornyelser, median (dage)", LabelEN: "GP response time, renewals, median (days)", Value: ratio(r.RenewalTotal.MedianDays), Kind: KindDecimal},
		{LabelDA: "Afvigelser ved modtagekontrol pr. 1.000 ruller", LabelEN: "Deviations at receipt checks per 1,000 rolls", Value: ratio(devRate), Kind: KindDecimal},
		{LabelDA: "Standardmodel: borgere på dosispakning pr. frigjort årsværk", LabelEN: "Default model: citizens on dose dispensing per FTE freed",
			Value: R(r.Params.Default.CitizensPerFTE()).V, Kind: KindDecimal},
	}, append(headed("Det nationale mål: 600–900 årsværk", "The national goal: 600–900 FTE", r.goalFigures()),
		headed("Anbefalingerne fulgt", "The recommendations followed", r.recFigures())...)...)
}

// headed gives the first figure of a section its heading.
func headed(da, en string, fs []KeyFigure) []KeyFigure {
	if len(fs) > 0 {
		fs[0].Heading, fs[0].HeadingEN = da, en
	}
	return fs
}

// goalFigures are the key figures of the national goal (see Goal).
func (r Report) goalFigures() []KeyFigure {
	g := r.Goal.Total
	const (
		nowDA    = "Frigjorte årsværk nu (pr. år, seneste måneds tempo)"
		nowEN    = "FTE freed now (per year, at the latest month's pace)"
		targetDA = "Mål (600–900 årsværk; andel for kommunerne i rapporten)"
		targetEN = "Goal (600–900 FTE; the share of the municipalities in the report)"
		lowDA    = "600-målet nås"
		lowEN    = "The 600 goal is reached"
		highDA   = "900-målet nås"
		highEN   = "The 900 goal is reached"
	)
	if g.Hidden {
		h := HiddenValue{}
		return []KeyFigure{{LabelDA: nowDA, LabelEN: nowEN, Value: h, Kind: KindDecimal},
			{LabelDA: targetDA, LabelEN: targetEN, Value: h, Kind: KindText},
			{LabelDA: lowDA, LabelEN: lowEN, Value: h, Kind: KindText}, {LabelDA: highDA, LabelEN: highEN, Value: h, Kind: KindText}}
	}
	return []KeyFigure{
		{LabelDA: nowDA, LabelEN: nowEN, Value: ratio(g.NowFTE), Kind: KindDecimal},
		{LabelDA: targetDA, LabelEN: targetEN, Kind: KindText,
			Value:   FormatDA(g.TargetLow.V, KindDecimal) + "–" + FormatDA(g.TargetHigh.V, KindDecimal) + " årsværk",
			ValueEN: FormatIn(i18n.English, g.TargetLow.V, KindDecimal) + "–" + FormatIn(i18n.English, g.TargetHigh.V, KindDecimal) + " FTE"},
		{LabelDA: lowDA, LabelEN: lowEN, Value: ReachText(g.ReachLow, g.ReachedLow), ValueEN: ReachTextIn(i18n.English, g.ReachLow, g.ReachedLow), Kind: KindText},
		{LabelDA: highDA, LabelEN: highEN, Value: ReachText(g.ReachHigh, g.ReachedHigh), ValueEN: ReachTextIn(i18n.English, g.ReachHigh, g.ReachedHigh), Kind: KindText},
	}
}

// ScaleNote says that the population denominators are scaled with a demo
// sample.
func (r Report) ScaleNote() string { return r.scaleNoteIn(i18n.Danish) }

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
