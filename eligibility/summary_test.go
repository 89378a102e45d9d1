package eligibility

import (
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		name   string
		facts  Facts
		da, en string
	}{
		{
			"eligible", eligibleFacts(),
			"Egnet til dosispakket medicin efter regelsæt dk-default 2024.1: alle 5 kriterier er opfyldt.",
			"Eligible for dose-dispensed medicine under rule set dk-default 2024.1: all 5 criteria met.",
		},
		{
			"not eligible", with(Facts{"packable_medicine_count": 2, "can_handle_roll": nil}),
			"Ikke egnet til dosispakket medicin efter regelsæt dk-default 2024.1: ikke opfyldt: Antal dosispakbare præparater; ukendt: Kan håndtere dosisrullen eller har hjælp.",
			"Not eligible for dose-dispensed medicine under rule set dk-default 2024.1: not met: Number of medicines that may be machine packed; unknown: Can handle the roll or has help.",
		},
		{
			"needs review", with(Facts{"months_without_change": 1, "no_change_expected": nil}),
			"Kræver faglig vurdering efter regelsæt dk-default 2024.1: vejledende ikke opfyldt: Måneder uden ændring i behandlingen; ukendt: Ingen ændring i behandlingen forventet snart.",
			"Needs review under rule set dk-default 2024.1: advisory not met: Months without change in treatment; unknown: No change in treatment expected soon.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Evaluate(Default(), tt.facts)
			if got := v.Summary(i18n.Danish); got != tt.da {
				t.Errorf("Summary(da) =\n%q, want\n%q", got, tt.da)
			}
			if got := v.Summary(i18n.English); got != tt.en {
				t.Errorf("Summary(en) =\n%q, want\n%q", got, tt.en)
			}
			if got := v.Summary(""); got != tt.da {
				t.Errorf("Summary(\"\") = %q, want the Danish line", got)
			}
		})
	}
}

func TestSummaryEmptyRuleSet(t *testing.T) {
	v := Evaluate(&RuleSet{ID: "empty", Version: "1"}, nil)
	if want := "Kræver faglig vurdering efter regelsæt empty 1: regelsættet har ingen kriterier."; v.Summary(i18n.Danish) != want {
		t.Errorf("Summary(da) = %q, want %q", v.Summary(i18n.Danish), want)
	}
}
