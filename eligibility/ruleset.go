package eligibility

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"sync"
)

// Ops a criterion may use.
const (
	OpEq  = "eq"  // equal: bool, string or number
	OpGte = "gte" // greater than or equal: number
	OpLte = "lte" // less than or equal: number
	OpIn  = "in"  // string in a list of strings
)

// Severities a criterion may have.
const (
	SeverityRequired = "required" // a failure makes the citizen not eligible
	SeverityAdvisory = "advisory" // a failure asks for a professional review
)

// RuleSet is a versioned, editable set of eligibility criteria.
type RuleSet struct {
	ID        string      `json:"id"`
	Version   string      `json:"version"`
	Title     string      `json:"title,omitempty"`
	Published string      `json:"published,omitempty"` // yyyy-mm-dd
	Criteria  []Criterion `json:"criteria"`
}

// Criterion is one rule: the fact it reads, how it compares the fact with its
// value, how much a failure weighs, and how to explain the result.
type Criterion struct {
	ID         string   `json:"id"`
	Fact       string   `json:"fact"`
	Op         string   `json:"op"`
	Value      any      `json:"value"`
	Severity   string   `json:"severity"`
	LabelDA    string   `json:"label_da"`
	LabelEN    string   `json:"label_en,omitempty"`
	Source     string   `json:"source"`
	MessagesDA Messages `json:"messages_da"`
	MessagesEN Messages `json:"messages_en"`
}

// Messages holds one language's reason templates for each status. Templates
// may use {value}, {threshold} and {label}; an empty template falls back to a
// generic sentence.
type Messages struct {
	Pass    string `json:"pass,omitempty"`
	Fail    string `json:"fail,omitempty"`
	Unknown string `json:"unknown,omitempty"`
}

// defaultJSON is the embedded default rule set. It is a string, so its
// content cannot be changed; nothing assigns to it.
//
//go:embed rulesets/default.json
var defaultJSON string

// Default returns a fresh copy of the embedded default rule set
// ("dk-default"). It panics only if the embedded file is invalid, which the
// tests rule out.
func Default() *RuleSet {
	return parsedDefault().Clone()
}

// parsedDefault parses the embedded default once (every assessment under
// the default used to parse it again: 4 % of a transition's CPU); Default
// hands out copies, so the parsed set is never changed.
var parsedDefault = sync.OnceValue(func() *RuleSet {
	rs, err := Parse([]byte(defaultJSON))
	if err != nil {
		panic(fmt.Sprintf("eligibility: embedded default rule set: %v", err))
	}
	return rs
})

// Clone returns a deep copy of rs: its criteria and their list values are
// copied, so changing the copy leaves rs as it was.
func (rs *RuleSet) Clone() *RuleSet {
	c := *rs
	c.Criteria = make([]Criterion, len(rs.Criteria))
	for i, cr := range rs.Criteria {
		if list, ok := cr.Value.([]string); ok {
			cr.Value = slices.Clone(list)
		}
		c.Criteria[i] = cr
	}
	return &c
}

// LoadFile reads and validates a rule-set file, for example a municipality's
// own criteria that replace the default rule set.
func LoadFile(path string) (*RuleSet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eligibility: read rule set: %w", err)
	}
	rs, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}
