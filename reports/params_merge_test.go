package reports

import (
	"strings"
	"testing"
)

func TestMergeParams(t *testing.T) {
	file := func(s string) ParamsFile {
		t.Helper()
		f, err := DecodeParamsFile(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	const base = `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}},
		"municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`
	for _, c := range []struct {
		name, mine, theirs string
		want               ParamsText // nil: a conflict
		conflicts          []string
	}{
		{name: "two municipalities",
			mine:   `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}, "101": {"period_days": {"value": 28, "source": "kbh"}}}}`,
			theirs: `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}, "municipalities": {"851": {"period_days": {"value": 7, "source": "aalborg"}}}}`,
			want: ParamsText{"default.hours_per_fte": {"1600", "HR"}, "municipalities.851.period_days": {"7", "aalborg"},
				"municipalities.101.period_days": {"28", "kbh"}}},
		{name: "a national value and a municipality's removed",
			mine:   `{"default": {"hours_per_fte": {"value": 1700, "source": "HR 2026"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`,
			theirs: `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}}`,
			want:   ParamsText{"default.hours_per_fte": {"1700", "HR 2026"}}},
		{name: "the same change twice",
			mine:   `{"default": {"hours_per_fte": {"value": 1700, "source": "HR 2026"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`,
			theirs: `{"default": {"hours_per_fte": {"value": 1700, "source": "HR 2026"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`,
			want:   ParamsText{"default.hours_per_fte": {"1700", "HR 2026"}, "municipalities.851.period_days": {"14", "apotek"}}},
		{name: "one field changed both ways",
			mine:      `{"default": {"hours_per_fte": {"value": 1700, "source": "HR"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`,
			theirs:    `{"default": {"hours_per_fte": {"value": 1650, "source": "HR"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apotek"}}}}`,
			conflicts: []string{"default.hours_per_fte"}},
		{name: "a source changed against a value removed",
			mine:      `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}, "municipalities": {"851": {"period_days": {"value": 14, "source": "apoteket"}}}}`,
			theirs:    `{"default": {"hours_per_fte": {"value": 1600, "source": "HR"}}}`,
			conflicts: []string{"municipalities.851.period_days"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			theirs := file(c.theirs)
			before := theirs.Text()
			got, conflicts := MergeParams(file(base), file(c.mine), theirs)
			var names []string
			for _, k := range conflicts {
				names = append(names, k.Field)
				if k.LabelDA == "" {
					t.Errorf("conflict %s has no label", k.Field)
				}
			}
			if strings.Join(names, ",") != strings.Join(c.conflicts, ",") {
				t.Fatalf("conflicts = %v, want %v", names, c.conflicts)
			}
			if c.want != nil {
				if g := got.Text(); !sameText(g, c.want) {
					t.Errorf("merged = %v, want %v", g, c.want)
				}
			}
			if !sameText(theirs.Text(), before) {
				t.Error("the merge changed theirs")
			}
		})
	}
}

func sameText(a, b ParamsText) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
