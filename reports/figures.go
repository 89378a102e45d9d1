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
}

// Period formats the report period as "dd-mm-yyyy – dd-mm-yyyy".
func (r Report) Period() string {
	return r.Filter.From.Format() + " – " + r.Filter.To.Format()
}

// KeyFigures returns the summary figures shared by the workbook and the
// dashboard.
func (r Report) KeyFigures() []KeyFigure {
	t := r.Total
	var rolls, devs int
	for _, p := range r.Pharmacies {
		rolls += p.Rolls.N
		devs += p.Deviations.N
	}
	devRate := Div(1000*float64(devs), float64(rolls))
	if Hidden(devs) && r.Suppressed {
		devRate.Hidden = true
	}
	what := r.Params.WhatIfPercent.Value
	return []KeyFigure{
		{"Periode", r.Period(), KindText},
		{"Kommuner i rapporten", len(r.Municipalities), KindInt},
		{"Kommuner udeladt (under 30 aktive borgere)", r.Omitted, KindInt},
		{"Borgere med hjælp til medicin", count(t.MedicineHelp), KindInt},
		{"Vurderet egnede borgere", count(t.Eligible), KindInt},
		{"Aktive på dosispakning ved periodens slut", count(t.Active), KindInt},
		{"Andel af borgere med medicinhjælp på dosispakning", ratio(t.ShareOfHelp), KindPercent},
		{"Andel af borgere på 75 år og derover på dosispakning", ratio(t.ShareOf75), KindPercent},
		{"Borgermåneder på dosispakning i perioden", ratio(t.CitizenMonths), KindDecimal},
		{"Frigjorte timer i perioden", ratio(t.Hours.Hours), KindDecimal},
		{"Frigjorte årsværk i perioden", ratio(t.Hours.FTE), KindDecimal},
		{"Potentiale: egnede borgere, ikke startet", count(t.Potential), KindInt},
		{"Potentiale: årsværk pr. år", ratio(t.Hours.PotentialFTE), KindDecimal},
		{fmt.Sprintf("Hvis %g %% af potentialet går over: årsværk pr. år", what), ratio(t.Hours.WhatIfFTE), KindDecimal},
		{"Akutruller pr. 100 borgermåneder", ratio(t.UrgentPer100), KindDecimal},
		{"Lægens godkendelsesandel", ratio(r.GPTotal.ApprovalRate), KindPercent},
		{"Lægens svartid, median (dage)", ratio(r.GPTotal.MedianDays), KindDecimal},
		{"Afvigelser ved modtagekontrol pr. 1.000 ruller", ratio(devRate), KindDecimal},
		{"Standardmodel: borgere på dosispakning pr. frigjort årsværk", R(r.Params.Default.CitizensPerFTE()).V, KindDecimal},
	}
}

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
