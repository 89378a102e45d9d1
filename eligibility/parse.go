package eligibility

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Error is the type of the package's constant sentinel errors.
type Error string

// Error returns the error's text.
func (e Error) Error() string { return string(e) }

// ErrInvalidRuleSet marks every error about a rule set's content, so callers
// can map it to their "invalid" error kind with errors.Is. It is a constant.
const ErrInvalidRuleSet Error = "invalid rule set"

// Parse decodes a rule set from JSON (see the package comment for the format),
// normalises its values (numbers to float64, "in" lists to []string) and
// validates it. The error lists every problem found, each naming the
// criterion index and id, the field and the bad value.
func Parse(b []byte) (*RuleSet, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var rs RuleSet
	if err := dec.Decode(&rs); err != nil {
		return nil, fmt.Errorf("eligibility: %w: %v", ErrInvalidRuleSet, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("eligibility: %w: unexpected data after the rule set", ErrInvalidRuleSet)
	}
	for i := range rs.Criteria {
		rs.Criteria[i].Value = normalise(rs.Criteria[i].Value)
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	return &rs, nil
}

// normalise turns a decoded JSON value into the form Evaluate compares:
// numbers become float64 and lists of strings become []string. Anything else
// is returned unchanged, for Validate to judge.
func normalise(v any) any {
	if n, ok := asNumber(v); ok {
		return n
	}
	if list, ok := v.([]any); ok {
		if ss, ok := asStrings(list); ok {
			return ss
		}
	}
	return v
}
