package workflow

import (
	"slices"
	"strings"
	"unicode/utf8"
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
	if err := CheckText("apotekets navn", "the pharmacy's name", name, TextName); err != nil && name != "" {
		return err
	}
	switch {
	case name == "":
		return Invalid("apotekets navn mangler", "the pharmacy's name is missing")
	case utf8.RuneCountInString(name) > MaxPharmacyName:
		return Invalidf("apotekets navn er for langt (højst %d tegn)", "the pharmacy's name is too long (at most %d characters)", MaxPharmacyName)
	case !slices.Contains(PeriodLengths(), p.PeriodDays):
		return Invalidf("periodelængde %d dage er ikke tilladt (7 eller 14)", "period length %d days is not allowed (7 or 14)", p.PeriodDays)
	case p.DeadlineWorkingDays < MinDeadlineWorkingDays || p.DeadlineWorkingDays > MaxDeadlineWorkingDays:
		return Invalidf("fristen %d arbejdsdage er uden for 0–10 arbejdsdage", "the deadline of %d working days is outside 0–10 working days", p.DeadlineWorkingDays)
	case p.LeadTimeHours < MinLeadTimeHours || p.LeadTimeHours > MaxLeadTimeHours:
		return Invalidf("leveringstiden %d arbejdstimer er uden for 1–168 arbejdstimer", "the lead time of %d working hours is outside 1–168 working hours", p.LeadTimeHours)
	case len(p.ExtraClosingDays) > MaxExtraClosingDays:
		return Invalidf("højst %d faste ekstra lukkedage", "at most %d recurring extra closing days", MaxExtraClosingDays)
	}
	return nil
}
