package reports

import (
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
)

// SourceLineIn is the source line in l, for the web pages, which show it
// in the user's language (the English pages showed the Danish line); the
// workbook and the HTML file print it in Danish (SourceLine).
func SourceLineIn(r Report, l i18n.Lang) string {
	s := fmt.Sprintf(i18n.T(l, "source.line"), i18n.T(l, "source.population"))
	if r.PopulationScale > 0 {
		s += " " + r.scaleNoteIn(l)
	}
	if r.Suppressed {
		s += " " + i18n.T(l, "source.suppressed")
	}
	return s
}

// scaleNoteIn is ScaleNote in l.
func (r Report) scaleNoteIn(l i18n.Lang) string {
	return fmt.Sprintf(i18n.T(l, "source.scale"), FormatIn(l, r.PopulationScale, KindPercent))
}

// CalibrationTextIn says in l how the model in force relates to the
// published ratio: "the default parameters" when they are Dosis's
// defaults, else the parameters in force, naming the ones changed and the
// municipalities with their own.
func (r Report) CalibrationTextIn(l i18n.Lang) string {
	m := r.Params.Default
	fte := m.FTE(m.HoursForDays(PublishedCitizens * DaysPerYear))
	which := i18n.T(l, "calibration.default")
	var changed []string
	for i, p := range m.List() {
		if p.Value != DefaultParams().Default.List()[i].Value {
			label := strings.ToLower(p.LabelDA)
			if l.English() { // "hours per FTE", not "hours per fte"
				label = strings.ToLower(p.LabelEN[:1]) + p.LabelEN[1:]
			}
			changed = append(changed, label)
		}
	}
	if len(changed) > 0 {
		which = fmt.Sprintf(i18n.T(l, "calibration.changed"), strings.Join(changed, ", "))
	}
	text := fmt.Sprintf(i18n.T(l, "calibration.line"), which, FormatIn(l, PublishedCitizens, KindInt),
		FormatIn(l, fte, KindDecimal), FormatIn(l, m.CitizensPerFTE(), KindDecimal))
	if codes := sortedCodes(r.Params.Overrides); len(codes) > 0 {
		names := make([]string, len(codes))
		for i, c := range codes {
			names[i] = fmt.Sprint(c)
		}
		text += fmt.Sprintf(i18n.T(l, "calibration.overrides"), strings.Join(names, ", "))
	}
	return text
}
