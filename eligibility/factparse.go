package eligibility

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
)

// FactError is a fact typed by a user that its rule set cannot read. It
// names the fact (label and key) and the value, in Danish and English.
type FactError struct {
	Key, Label, Value string
	MsgDA, MsgEN      string
}

func (e *FactError) Error() string { return e.MsgEN }

// In returns the message in l (an i18n.Text, for an error's message).
func (e *FactError) In(l i18n.Lang) string { return l.Pick(e.MsgDA, e.MsgEN) }

// ParseFacts reads facts typed as text, by the web form and the command
// line alike, with the types of the rule set's facts: yes/no facts take
// ja/nej/yes/no/true/false/1/0 (any case), numbers a decimal comma or
// point, and a fact with options one of them (any case). An empty value is
// an unknown fact and left out. A key the rule set does not read, or a
// value its type cannot take, is a *FactError; the first one is returned.
// This is the one place facts are parsed: the front ends only collect text.
func (rs *RuleSet) ParseFacts(raw map[string]string) (Facts, error) {
	infos := rs.Facts()
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same first error for the same input
	f := Facts{}
	for _, k := range keys {
		i := slices.IndexFunc(infos, func(fi FactInfo) bool { return fi.Key == k })
		if i < 0 {
			return nil, &FactError{Key: k, Value: raw[k],
				MsgDA: i18n.Tf(i18n.Danish, "err.facts.unknown", k, rs.ID, factKeyList(infos)),
				MsgEN: i18n.Tf(i18n.English, "err.facts.unknown", k, rs.ID, factKeyList(infos))}
		}
		v, err := infos[i].Parse(raw[k])
		if err != nil {
			return nil, err
		}
		if v != nil {
			f[k] = v
		}
	}
	return f, nil
}

// Parse reads one typed value of the fact: nil for an empty (unknown)
// value, else a bool, a float64 or a string, or a *FactError.
func (fi FactInfo) Parse(text string) (any, error) {
	v := strings.TrimSpace(text)
	if v == "" {
		return nil, nil
	}
	label := i18n.TextFunc(func(l i18n.Lang) string { return l.Pick(fi.LabelDA, fi.LabelEN) })
	badValue := func(key string, args ...any) error {
		why := keyed(key, args...)
		return &FactError{Key: fi.Key, Label: fi.LabelDA, Value: v,
			MsgDA: i18n.Tf(i18n.Danish, "err.facts.value", label, fi.Key, v, why),
			MsgEN: i18n.Tf(i18n.English, "err.facts.value", label, fi.Key, v, why)}
	}
	switch fi.Type {
	case "bool":
		switch strings.ToLower(v) {
		case "ja", "yes", "true", "1":
			return true, nil
		case "nej", "no", "false", "0":
			return false, nil
		}
		return nil, badValue("err.facts.not_bool")
	case "number":
		n, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, badValue("err.facts.not_number")
		}
		return n, nil
	}
	if len(fi.Options) > 0 {
		i := slices.IndexFunc(fi.Options, func(o string) bool { return strings.EqualFold(o, v) })
		if i < 0 {
			return nil, badValue("err.facts.not_option", strings.Join(fi.Options, ", "))
		}
		return fi.Options[i], nil
	}
	return v, nil
}

// factKeyList joins the keys of infos for a message.
func factKeyList(infos []FactInfo) string {
	keys := make([]string, len(infos))
	for i, fi := range infos {
		keys[i] = fi.Key
	}
	return strings.Join(keys, ", ")
}
