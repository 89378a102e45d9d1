package reports

import "github.com/dosis-dk/dosis/i18n"

// Param is one setting of the nursing-hours model with its value, unit and
// the source of the value — which part is published and which is calibrated.
type Param struct {
	// Key is the name in a --params file, e.g. "hours_per_fte".
	Key     string
	LabelDA string
	LabelEN string
	Value   float64
	Unit    string
	Source  string
	// Min and Max are the allowed range of Value, both included; LoadParams
	// refuses a value outside it and the settings form shows it.
	Min, Max float64
}

// Model is the nursing-hours model for one municipality:
// hours freed = citizen-periods on DD × (manual − DD minutes per period) / 60,
// FTE = hours / hours per FTE.
type Model struct {
	HoursPerFTE            Param
	ManualMinutesPerPeriod Param
	DDMinutesPerPeriod     Param
	PeriodDays             Param
}

// Params is the model settings of a report: the default model, the
// per-municipality overrides and the what-if adoption share.
type Params struct {
	Default Model
	// Overrides holds complete models for municipalities that override one
	// or more defaults (see LoadParams).
	Overrides map[int]Model
	// WhatIfPercent is the share of WhatIfBase assumed to adopt in the
	// what-if figure.
	WhatIfPercent Param
	// WhatIfBase is the citizens the what-if percentage applies to.
	WhatIfBase WhatIfBase
}

// WhatIfBase names the citizens the what-if applies to, with its source.
type WhatIfBase struct {
	// Key is BaseMedicineHelp or BaseEligible.
	Key    string
	Source string
}

// The what-if bases.
const (
	// BaseMedicineHelp is the citizens with municipal help with medicine
	// not yet on DD: medicine help − active − paused.
	BaseMedicineHelp = "medicine_help"
	// BaseEligible is the potential: citizens assessed eligible whose case
	// is open and not yet started.
	BaseEligible = "eligible"
)

// LabelDA names the base in Danish, as the Antagelser sheet and the
// dashboard print it.
func (b WhatIfBase) LabelDA() string {
	if b.Key == BaseEligible {
		return "vurderet egnede borgere med åben sag, der ikke er startet (potentialet)"
	}
	return "borgere med medicinhjælp, der ikke er aktive eller pauserede på dosispakning"
}

// LabelEN names the base in English.
func (b WhatIfBase) LabelEN() string {
	if b.Key == BaseEligible {
		return "citizens assessed eligible with an open case, not yet started (the potential)"
	}
	return "citizens with medicine help who are not active or paused on dose dispensing"
}

// Label names the base in lang.
func (b WhatIfBase) Label(lang i18n.Lang) string { return lang.Pick(b.LabelDA(), b.LabelEN()) }

// Citizens is the base's number of citizens in municipality row m.
func (b WhatIfBase) Citizens(m MunicipalityRow) int {
	if b.Key == BaseEligible {
		return m.Potential.N
	}
	return max(m.MedicineHelp.N-m.Active.N-m.Paused.N, 0)
}

// DaysPerYear is the mean length of a year used to turn periods into years.
const DaysPerYear = 365.25

// PublishedFTE and PublishedCitizens are the national analysis's headline
// ratio the default model reproduces: +40,000 citizens on DD ≈ 600 FTE.
const (
	PublishedFTE      = 600
	PublishedCitizens = 40000
)

// DefaultParams returns the default settings. They reproduce the published
// ratio of about 67 citizens per FTE (see TestDefaultParamsReproducePublishedRatio).
func DefaultParams() Params {
	return Params{
		Default: Model{
			HoursPerFTE: Param{Key: "hours_per_fte", LabelDA: "Timer pr. årsværk", LabelEN: "Hours per FTE",
				Value: 1924, Unit: "timer", Min: 100, Max: 3000,
				Source: "Kilde: dansk fuldtid, 37 timer × 52 uger (nominelle timer; ferie og fravær er ikke trukket fra)."},
			ManualMinutesPerPeriod: Param{Key: "manual_minutes_per_period", LabelDA: "Minutter pr. borger pr. periode ved manuel dosering",
				LabelEN: "Minutes per citizen per period with manual dispensing", Value: 75, Unit: "minutter", Min: 0, Max: 1000,
				Source: "Delvis kilde: Aalborg Kommune målte ca. 30 min. pr. borger pr. 14 dage alene til at dosere i doseringsæsker. " +
					"De øvrige 45 min. (bestilling, afhentning, kontrol, dokumentation) er kalibreret, så standardværdierne giver " +
					"MUUSMANN-analysens 600 årsværk for +40.000 borgere (ca. 67 borgere pr. årsværk; KL 2024: 70–75)."},
			DDMinutesPerPeriod: Param{Key: "dd_minutes_per_period", LabelDA: "Minutter pr. borger pr. periode med dosispakning",
				LabelEN: "Minutes per citizen per period with dose dispensing", Value: 9, Unit: "minutter", Min: 0, Max: 1000,
				Source: "Kalibreret, ingen offentlig kilde: modtagekontrol af rullen og udlevering. Sammen med de manuelle minutter " +
					"kalibreret til ca. 67 borgere pr. årsværk."},
			PeriodDays: Param{Key: "period_days", LabelDA: "Dage pr. periode", LabelEN: "Days per period", Value: 14, Unit: "dage", Min: 1, Max: 56,
				Source: "Kilde: dosisrullen dækker normalt 14 dage; de manuelle minutter er målt pr. 14 dage (Aalborg)."},
		},
		WhatIfPercent: Param{Key: "what_if_percent", LabelDA: "Hvis denne andel af grundlaget går over", LabelEN: "If this share of the base adopts",
			Value: 50, Unit: "%", Min: 0, Max: 100, Source: "Valgt eksempel: MUUSMANN-analysen regner med, at ca. halvdelen af borgerne med doseringshjælp kommer på dosispakning."},
		WhatIfBase: WhatIfBase{Key: BaseMedicineHelp,
			Source: "MUUSMANN-analysen: ca. halvdelen af borgerne, der får kommunal hjælp til doseringen, kan komme på dosispakning."},
	}
}

// For returns the model for municipality code: its override or the default.
func (p Params) For(code int) Model {
	if m, ok := p.Overrides[code]; ok {
		return m
	}
	return p.Default
}

// List returns the model's parameters in display order.
func (m Model) List() []Param {
	return []Param{m.HoursPerFTE, m.ManualMinutesPerPeriod, m.DDMinutesPerPeriod, m.PeriodDays}
}

// NetMinutesPerPeriod is the nursing time one citizen-period on DD frees.
func (m Model) NetMinutesPerPeriod() float64 {
	return m.ManualMinutesPerPeriod.Value - m.DDMinutesPerPeriod.Value
}

// HoursForDays returns the hours freed by citizen-days on DD.
func (m Model) HoursForDays(days float64) float64 {
	return days / m.PeriodDays.Value * m.NetMinutesPerPeriod() / 60
}

// FTE turns hours into full-time equivalents.
func (m Model) FTE(hours float64) float64 { return hours / m.HoursPerFTE.Value }

// CitizensPerFTE is how many citizens on DD for a whole year free one FTE.
func (m Model) CitizensPerFTE() float64 {
	return m.HoursPerFTE.Value / m.HoursForDays(DaysPerYear)
}
