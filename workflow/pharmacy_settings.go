package workflow

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dosis-dk/dosis/i18n"
)

// The ranges of a pharmacy's roll settings. Every function that stores a
// pharmacy (data.AddPharmacy, data.UpdatePharmacySettings, the pharmacy
// import) checks them with Pharmacy.Validate, so no front end can store a
// value outside them.
const (
	// MinDeadlineWorkingDays and MaxDeadlineWorkingDays bound how many
	// working days before a period starts changes must be in (0: the day
	// before).
	MinDeadlineWorkingDays = 0
	MaxDeadlineWorkingDays = 10
	// MinLeadTimeHours and MaxLeadTimeHours bound the promised urgent-roll
	// lead time in working hours: at least one hour, at most 168 (three
	// weeks of 8-hour working days; nothing urgent takes longer).
	MinLeadTimeHours = 1
	MaxLeadTimeHours = 168
	// MaxPharmacyName is the longest pharmacy name, in characters.
	MaxPharmacyName = 200
	// MaxExtraClosingDays bounds the recurring extra closing days.
	MaxExtraClosingDays = 20
)

// PeriodLengths are the allowed roll periods in days.
func PeriodLengths() []int { return []int{7, 14} }

// Validate checks a pharmacy's name and roll settings against the ranges
// above and names the first field out of range, in Danish and English.
func (p Pharmacy) Validate() error {
	name := strings.TrimSpace(p.Name)
	if err := CheckText(i18n.Key("err.field.pharmacy_name"), name, TextName); err != nil && name != "" {
		return err
	}
	switch {
	case name == "":
		return Invalid("err.pharmacy.name_missing")
	case utf8.RuneCountInString(name) > MaxPharmacyName:
		return Invalid("err.pharmacy.name_too_long", MaxPharmacyName)
	case !slices.Contains(PeriodLengths(), p.PeriodDays):
		return Invalid("err.pharmacy.period_length", p.PeriodDays)
	case p.DeadlineWorkingDays < MinDeadlineWorkingDays || p.DeadlineWorkingDays > MaxDeadlineWorkingDays:
		return Invalid("err.pharmacy.deadline_range", p.DeadlineWorkingDays)
	case p.LeadTimeHours < MinLeadTimeHours || p.LeadTimeHours > MaxLeadTimeHours:
		return Invalid("err.pharmacy.lead_time_range", p.LeadTimeHours)
	case len(p.ExtraClosingDays) > MaxExtraClosingDays:
		return Invalid("err.pharmacy.too_many_closing_days", MaxExtraClosingDays)
	}
	return nil
}
