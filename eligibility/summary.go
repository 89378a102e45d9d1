package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"strings"
)

// Summary returns the verdict in one line, in Danish ("da") or English
// ("en"); any other lang gives Danish. It names the rule set and version and,
// unless the citizen is eligible, which criteria failed or were unknown.
func (v Verdict) Summary(lang i18n.Lang) string {
	en := lang.English()
	var failed, advisory, unknown []string
	for _, r := range v.Results {
		label := r.Label
		if en {
			label = r.LabelEN
		}
		switch {
		case r.Status == StatusUnknown:
			unknown = append(unknown, label)
		case r.Status == StatusFail && r.Severity == SeverityAdvisory:
			advisory = append(advisory, label)
		case r.Status == StatusFail:
			failed = append(failed, label)
		}
	}
	ruleSet := fmt.Sprintf("%s %s", v.RuleSetID, v.RuleSetVersion)
	if en {
		return summaryEN(v, ruleSet, failed, advisory, unknown)
	}
	return summaryDA(v, ruleSet, failed, advisory, unknown)
}

// summaryDA writes the Danish summary line.
func summaryDA(v Verdict, ruleSet string, failed, advisory, unknown []string) string {
	var head string
	switch v.Outcome {
	case Eligible:
		return fmt.Sprintf("Egnet til dosispakket medicin efter regelsæt %s: alle %d kriterier er opfyldt.", ruleSet, len(v.Results))
	case NotEligible:
		head = "Ikke egnet til dosispakket medicin efter regelsæt " + ruleSet
	default:
		head = "Kræver faglig vurdering efter regelsæt " + ruleSet
	}
	return head + ": " + details(len(v.Results) == 0, "regelsættet har ingen kriterier",
		part("ikke opfyldt", failed), part("vejledende ikke opfyldt", advisory), part("ukendt", unknown))
}

// summaryEN writes the English summary line.
func summaryEN(v Verdict, ruleSet string, failed, advisory, unknown []string) string {
	var head string
	switch v.Outcome {
	case Eligible:
		return fmt.Sprintf("Eligible for dose-dispensed medicine under rule set %s: all %d criteria met.", ruleSet, len(v.Results))
	case NotEligible:
		head = "Not eligible for dose-dispensed medicine under rule set " + ruleSet
	default:
		head = "Needs review under rule set " + ruleSet
	}
	return head + ": " + details(len(v.Results) == 0, "the rule set has no criteria",
		part("not met", failed), part("advisory not met", advisory), part("unknown", unknown))
}

// part writes "name: a, b" or "" when there is nothing to name.
func part(name string, labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	return name + ": " + strings.Join(labels, ", ")
}

// details joins the non-empty parts with "; " and ends the sentence.
func details(empty bool, emptyText string, parts ...string) string {
	if empty {
		return emptyText + "."
	}
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "; ") + "."
}
