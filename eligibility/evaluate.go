package eligibility

// Outcome is the overall verdict for a citizen under one rule set.
type Outcome string

// The outcomes.
const (
	Eligible    Outcome = "eligible"     // every criterion passed
	NotEligible Outcome = "not_eligible" // a required criterion failed
	NeedsReview Outcome = "needs_review" // something is unknown or an advisory criterion failed
)

// Status is the result of one criterion.
type Status string

// The statuses.
const (
	StatusPass    Status = "pass"
	StatusFail    Status = "fail"
	StatusUnknown Status = "unknown"
)

// Facts are what is known about a citizen, by fact key. Values are bool,
// numbers (any Go integer or float type) or strings; a missing key or a nil
// value means unknown.
type Facts map[string]any

// CriterionResult explains one criterion's result for one citizen.
type CriterionResult struct {
	ID       string `json:"id"`
	Fact     string `json:"fact"`
	Status   Status `json:"status"`
	Severity string `json:"severity"`
	Value    any    `json:"value"` // the normalised fact; nil when unknown
	Label    string `json:"label"` // Danish
	LabelEN  string `json:"label_en"`
	Reason   string `json:"reason"` // Danish, plain language
	ReasonEN string `json:"reason_en"`
	Source   string `json:"source"`
}

// Verdict is the explained result of evaluating a rule set: the outcome and
// one result per criterion, in the rule set's order.
type Verdict struct {
	RuleSetID      string            `json:"rule_set_id"`
	RuleSetVersion string            `json:"rule_set_version"`
	Outcome        Outcome           `json:"outcome"`
	Results        []CriterionResult `json:"results"`
}

// Evaluate applies a rule set to a citizen's facts. It is pure: the same rule
// set and facts always give the same verdict. A criterion that is itself
// invalid (possible only for a rule set built in code without Validate) is
// unknown, so it can never make a citizen eligible. A nil or empty rule set
// gives NeedsReview.
func Evaluate(rs *RuleSet, f Facts) Verdict {
	if rs == nil {
		return Verdict{Outcome: NeedsReview}
	}
	v := Verdict{RuleSetID: rs.ID, RuleSetVersion: rs.Version}
	for _, c := range rs.Criteria {
		v.Results = append(v.Results, evaluateCriterion(c, f))
	}
	v.Outcome = outcome(v.Results)
	return v
}

// outcome applies the outcome rule to the criterion results.
func outcome(results []CriterionResult) Outcome {
	if len(results) == 0 {
		return NeedsReview
	}
	review := false
	for _, r := range results {
		switch {
		case r.Status == StatusFail && r.Severity != SeverityAdvisory:
			return NotEligible
		case r.Status != StatusPass:
			review = true
		}
	}
	if review {
		return NeedsReview
	}
	return Eligible
}

// evaluateCriterion compares one fact with one criterion and explains it.
func evaluateCriterion(c Criterion, f Facts) CriterionResult {
	r := CriterionResult{
		ID:       c.ID,
		Fact:     c.Fact,
		Severity: c.Severity,
		Label:    c.LabelDA,
		LabelEN:  c.labelEN(),
		Source:   c.Source,
	}
	if what := checkValue(c.Op, c.Value); what != nil {
		r.Status = StatusUnknown
		r.Reason, r.ReasonEN = invalidRuleReasons(what)
		return r
	}
	raw, present := f[c.Fact]
	if !present || raw == nil {
		r.Status = StatusUnknown
		r.Reason, r.ReasonEN = c.reasons(StatusUnknown, nil)
		return r
	}
	value, passed, ok := compare(c.Op, c.Value, raw)
	if !ok {
		r.Status = StatusUnknown
		r.Reason, r.ReasonEN = notUnderstoodReasons(c, raw)
		return r
	}
	r.Value = value
	r.Status = StatusFail
	if passed {
		r.Status = StatusPass
	}
	r.Reason, r.ReasonEN = c.reasons(r.Status, value)
	return r
}

// compare applies a valid op and threshold to a raw fact. It returns the
// normalised fact, whether the criterion passed, and ok=false when the fact's
// type does not fit the criterion.
func compare(op string, threshold, raw any) (value any, passed, ok bool) {
	switch op {
	case OpGte, OpLte:
		n, isNum := asNumber(raw)
		t, _ := asNumber(threshold)
		if !isNum {
			return nil, false, false
		}
		if op == OpGte {
			return n, n >= t, true
		}
		return n, n <= t, true
	case OpIn:
		s, isStr := raw.(string)
		list, _ := asStrings(threshold)
		if !isStr {
			return nil, false, false
		}
		for _, item := range list {
			if s == item {
				return s, true, true
			}
		}
		return s, false, true
	case OpEq:
		if t, isNum := asNumber(threshold); isNum {
			n, ok := asNumber(raw)
			return n, ok && n == t, ok
		}
		switch t := threshold.(type) {
		case bool:
			b, ok := raw.(bool)
			return b, ok && b == t, ok
		case string:
			s, ok := raw.(string)
			return s, ok && s == t, ok
		}
	}
	return nil, false, false
}
