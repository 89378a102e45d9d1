package reports

import (
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Report is a complete report: every figure the workbook and the dashboard
// show. It holds aggregates only, never a CPR number or a personal name.
type Report struct {
	Filter    Filter
	Generated time.Time
	Params    Params
	// Suppressed is set when Suppress has been applied.
	Suppressed bool
	// Omitted counts municipalities left out by suppression (under
	// MinActive active citizens).
	Omitted int
	// PopulationScale is the share of the country the data stand for when
	// it is not 1 (demo data: the population denominators are scaled with
	// the sample); 0 for real data.
	PopulationScale float64
	// Primary and Secondary count the published counts Suppress hid: of 1
	// to MinCount−1, and to protect them.
	Primary, Secondary int

	Municipalities []MunicipalityRow
	// Total sums the municipalities shown.
	Total      MunicipalityRow
	Funnel     Funnel
	Pharmacies []PharmacyRow
	// GPs are first proposals to the GP; Renewals are renewals of a DD
	// prescription (their own figure: a renewal is not a decision to start).
	GPs          []GPRow
	GPTotal      GPRow
	Renewals     []GPRow
	RenewalTotal GPRow
	// Trend is one row per municipality and month; TrendTotal sums each month.
	Trend      []TrendRow
	TrendTotal []TrendRow
	// Goal tracks the FTE freed against the national goal.
	Goal Goal
	// Recs measures the recommendations Dosis can follow.
	Recs Recommendations
	// Deviations counts the receipt deviations of every pharmacy row (the
	// key figure's rate is it per 1,000 of Total.Rolls).
	Deviations Count

	// gpDays and renewalDays keep the GP turnaround histograms for the
	// totals' medians.
	gpDays, renewalDays []Bucket
}

// MunicipalityRow is one municipality's adoption and hours freed (or the
// total over the municipalities shown, with Code 0).
type MunicipalityRow struct {
	Code         int
	Name         string
	Population75 Count
	MedicineHelp Count
	Eligible     Count
	Active       Count
	Active75     Count
	Paused       Count
	Potential    Count
	Rolls        Count
	Urgent       Count
	// RollDays is the days on the roll periods counted in Rolls; it is not
	// printed, but citizen-months, citizen-periods, hours and FTE are it
	// times a factor, so it is hidden with them.
	RollDays Count
	// CitizenMonths on DD in the period: roll days / (365.25/12).
	CitizenMonths Ratio
	// ShareOfHelp is Active / MedicineHelp; ShareOf75 is Active75 / Population75.
	ShareOfHelp Ratio
	ShareOf75   Ratio
	// Rank is the place by ShareOf75 among the municipalities in the
	// report, 1 the highest; 0 when not ranked.
	Rank int
	// UrgentPer100 is urgent rolls per 100 citizen-months.
	UrgentPer100 Ratio
	Hours        Hours
}

// Hours is the nursing time freed by dose dispensing under the model.
type Hours struct {
	// Periods is the citizen-periods on DD: roll days / period days.
	Periods Ratio
	Hours   Ratio
	FTE     Ratio
	// PotentialFTE is the FTE a year the potential citizens would free;
	// WhatIfFTE is the FTE a year WhatIfPercent of the WhatIfBase citizens
	// would free.
	PotentialFTE Ratio
	WhatIfFTE    Ratio
	// Overridden is set when the municipality has its own model.
	Overridden bool
}

// Funnel is the path of the cases opened in the period.
type Funnel struct {
	Rows  []FunnelRow
	Total FunnelRow
	// Stages holds the median days between stages.
	Stages  []StageTime
	Reasons []ReasonRow
	// ReasonTotal sums Reasons.
	ReasonTotal Count
}

// FunnelRow counts a municipality's cases by the stage they reached.
type FunnelRow struct {
	Code   int
	Name   string
	Stages [7]Count
	// Conversion is Started / Opened.
	Conversion Ratio
}

// FunnelStageLabels names FunnelRow.Stages in Danish.
func FunnelStageLabels() [7]string {
	return [7]string{"Åbnet", "Vurderet", "Egnet", "Samtykke", "Sendt til læge", "Godkendt", "Startet"}
}

// StageTime is the median whole days between two stages.
type StageTime struct {
	Pair    string
	LabelDA string
	N       Count
	Median  Ratio
}

// ReasonRow counts closed cases by state and reason.
type ReasonRow struct {
	State, StateLabel, Reason, ReasonLabel string
	Count                                  Count
}

// PharmacyRow is one pharmacy's urgent-roll service and receipt deviations.
type PharmacyRow struct {
	Name         string
	Municipality int
	// PromiseHours is the promised lead time in the pharmacy's working
	// hours; PromiseMedian is the median promise on the clock (request to
	// promised-by), in the unit of LeadMedian.
	PromiseHours  int
	PromiseMedian Ratio
	Rolls         Count
	Urgent        Count
	Delivered     Count
	LeadMedian    Ratio
	LeadP90       Ratio
	OnTimeShare   Ratio
	UrgentPer100  Ratio
	Deviations    Count
	DevPer1000    Ratio
	CitizenMonths Ratio
	// OnTime counts the urgent rolls delivered no later than promised; it
	// is printed as OnTimeShare, so it is disclosed with it.
	OnTime Count
	// RollDays is the days behind CitizenMonths (see MunicipalityRow).
	RollDays Count
}

// GPRow is the GP decisions on one municipality's requests.
type GPRow struct {
	Code         int
	Name         string
	Requests     Count
	Approved     Count
	Rejected     Count
	Undecided    Count
	ApprovalRate Ratio
	MedianDays   Ratio
}

// TrendRow is one month of one municipality (or of all shown, Code 0).
type TrendRow struct {
	Code int
	Name string
	// Month is the first day of the Danish calendar month.
	Month         calendar.Date
	Citizens      Count
	Starts        Count
	Rolls         Count
	RollDays      Count
	CitizenMonths Ratio
	Hours         Ratio
}
