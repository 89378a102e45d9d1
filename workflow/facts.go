package workflow

import (
	"errors"

	"github.com/dosis-dk/dosis/eligibility"
)

// ParseFacts reads facts typed as text with rs (eligibility.RuleSet.ParseFacts,
// the one fact parser) and makes a fact it cannot read a KindInvalid error,
// so the web and the command line refuse the same input the same way.
func ParseFacts(rs *eligibility.RuleSet, raw map[string]string) (eligibility.Facts, error) {
	f, err := rs.ParseFacts(raw)
	var fe *eligibility.FactError
	if errors.As(err, &fe) {
		return nil, Invalid("err.detail", fe)
	}
	return f, err
}
