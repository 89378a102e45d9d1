package eligibility

import (
	"errors"
	"strings"
	"testing"
)

// ruleSetJSON wraps criteria JSON in a valid rule-set header.
func ruleSetJSON(criteria string) string {
	return `{"id": "t", "version": "1", "published": "2024-01-01", "criteria": [` + criteria + `]}`
}

// criterionJSON is a valid criterion with one field replaced or added.
func criterionJSON(id, op, value string) string {
	return `{"id": "` + id + `", "fact": "f", "op": "` + op + `", "value": ` + value +
		`, "severity": "required", "label_da": "Etiket", "source": "test"}`
}

func TestParseErrors(t *testing.T) {
	valid := criterionJSON("a", "eq", "true")
	tests := []struct {
		name string
		json string
		want []string // each must appear in the error
	}{
		{"not JSON", `{"id":`, []string{"invalid rule set"}},
		{"unknown key", `{"id": "t", "version": "1", "critera": []}`, []string{`"critera"`}},
		{"missing rule set id", `{"version": "1", "criteria": [` + valid + `]}`, []string{`"id"`, "missing"}},
		{"missing version", `{"id": "t", "criteria": [` + valid + `]}`, []string{`"version"`, "missing"}},
		{"bad published date", `{"id": "t", "version": "1", "published": "01-02-2024", "criteria": [` + valid + `]}`, []string{`"published"`, `"01-02-2024"`}},
		{"empty criteria", `{"id": "t", "version": "1", "criteria": []}`, []string{`"criteria"`, "empty"}},
		{"unknown op", ruleSetJSON(criterionJSON("a", "gt", "3")), []string{"criteria[0]", `"a"`, `"op"`, `"gt"`}},
		{"missing op", ruleSetJSON(criterionJSON("a", "", "3")), []string{"criteria[0]", `"op"`, "missing"}},
		{"missing criterion id", ruleSetJSON(criterionJSON("", "eq", "true")), []string{"criteria[0]", `"id"`, "missing"}},
		{"missing fact", ruleSetJSON(`{"id": "a", "op": "eq", "value": true, "severity": "required", "label_da": "E", "source": "s"}`), []string{"criteria[0]", `"fact"`, "missing"}},
		{"duplicate id", ruleSetJSON(valid + "," + criterionJSON("a", "gte", "3")), []string{"criteria[1]", `"id"`, `"a"`, "criteria[0]"}},
		{"gte with string", ruleSetJSON(valid + "," + criterionJSON("b", "gte", `"three"`)), []string{"criteria[1]", `"b"`, `"value"`, `"three"`, "number"}},
		{"lte with bool", ruleSetJSON(criterionJSON("a", "lte", "true")), []string{`"value"`, "true", `"lte"`}},
		{"in with number list", ruleSetJSON(criterionJSON("a", "in", "[1, 2]")), []string{`"value"`, "[1 2]", `"in"`}},
		{"in with empty list", ruleSetJSON(criterionJSON("a", "in", "[]")), []string{`"value"`, "[]", "non-empty"}},
		{"eq with list", ruleSetJSON(criterionJSON("a", "eq", `["x"]`)), []string{`"value"`, "[x]", `"eq"`}},
		{"missing value", ruleSetJSON(criterionJSON("a", "eq", "null")), []string{`"value"`, "null"}},
		{"bad severity", ruleSetJSON(`{"id": "a", "fact": "f", "op": "eq", "value": true, "severity": "must", "label_da": "E", "source": "s"}`), []string{"criteria[0]", `"severity"`, `"must"`}},
		{"missing source", ruleSetJSON(`{"id": "a", "fact": "f", "op": "eq", "value": true, "severity": "required", "label_da": "E"}`), []string{`"source"`, "missing"}},
		{"missing label", ruleSetJSON(`{"id": "a", "fact": "f", "op": "eq", "value": true, "severity": "required", "source": "s"}`), []string{`"label_da"`, "missing"}},
		{"counted placeholder without the plural", ruleSetJSON(`{"id": "a", "fact": "f", "op": "gte", "value": 3, "severity": "required", "label_da": "E", "source": "s", "messages_da": {"fail": "{value:måned}"}}`), []string{`"messages_da.fail"`, `"{value:måned}"`}},
		{"counted label", ruleSetJSON(`{"id": "a", "fact": "f", "op": "gte", "value": 3, "severity": "required", "label_da": "E", "source": "s", "messages_da": {"fail": "{label:a|b}"}}`), []string{`"{label:a|b}"`}},
		{"counted placeholder with an empty form", ruleSetJSON(`{"id": "a", "fact": "f", "op": "gte", "value": 3, "severity": "required", "label_da": "E", "source": "s", "messages_da": {"fail": "{value:|måneder}"}}`), []string{`"{value:|måneder}"`}},
		{"unclosed placeholder", ruleSetJSON(`{"id": "a", "fact": "f", "op": "gte", "value": 3, "severity": "required", "label_da": "E", "source": "s", "messages_da": {"fail": "uændret i {value måneder"}}`), []string{`"messages_da.fail"`, `"{value måneder"`}},
		{"unknown placeholder", ruleSetJSON(`{"id": "a", "fact": "f", "op": "gte", "value": 3, "severity": "required", "label_da": "E", "source": "s", "messages_en": {"fail": "only {vaule}"}}`), []string{`"messages_en.fail"`, `"{vaule}"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := Parse([]byte(tt.json))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want an error", rs)
			}
			if !errors.Is(err, ErrInvalidRuleSet) {
				t.Errorf("error %v does not wrap ErrInvalidRuleSet", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	_, err := Parse([]byte(ruleSetJSON(criterionJSON("a", "gt", "3") + "," + criterionJSON("b", "gte", `"x"`))))
	for _, want := range []string{`criteria[0] (id "a")`, `criteria[1] (id "b")`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not contain %q", err, want)
		}
	}
}

func TestParseNormalisesValues(t *testing.T) {
	rs, err := Parse([]byte(ruleSetJSON(criterionJSON("n", "gte", "3") + "," + criterionJSON("s", "in", `["a", "b"]`))))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := rs.Criteria[0].Value.(float64); !ok || v != 3 {
		t.Errorf("number value = %#v, want float64 3", rs.Criteria[0].Value)
	}
	if v, ok := rs.Criteria[1].Value.([]string); !ok || len(v) != 2 || v[1] != "b" {
		t.Errorf("in value = %#v, want []string{a, b}", rs.Criteria[1].Value)
	}
}
