package data

import (
	"context"
	"fmt"
	"reflect"
	"sort"

	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// CompareReportFigures computes every figure of the report for f twice,
// from the rollups and from the source tables, across all municipalities,
// and names each query whose results differ ("adoption: rollups … tables …").
// Rows are compared as sets (the two sources may order ties differently).
// Citizens per month count a case at its month's first roll, so a period
// that starts inside a month may differ there; periods from the 1st agree.
func (db *DB) CompareReportFigures(ctx context.Context, f reports.Filter) ([]string, error) {
	ro, err := db.Reports(workflow.System("rollups verify"))
	if err != nil {
		return nil, err
	}
	ta, err := db.ReportsFromTables(workflow.System("rollups verify"))
	if err != nil {
		return nil, err
	}
	var diffs []string
	cmp := func(name string, a, b any, errA, errB error) error {
		if errA != nil {
			return errA
		}
		if errB != nil {
			return errB
		}
		sa, sb := sortedStrings(a), sortedStrings(b)
		if !reflect.DeepEqual(sa, sb) {
			diffs = append(diffs, fmt.Sprintf("%s: rollups %v, tables %v", name, onlyIn(sa, sb), onlyIn(sb, sa)))
		}
		return nil
	}
	type pair struct {
		name string
		run  func(reports.Source) (any, error)
	}
	for _, p := range []pair{
		{"adoption", func(s reports.Source) (any, error) { return s.Adoption(ctx, f) }},
		{"months", func(s reports.Source) (any, error) { return s.Months(ctx, f) }},
		{"funnel", func(s reports.Source) (any, error) { return s.Funnel(ctx, f) }},
		{"stage days", func(s reports.Source) (any, error) { return s.StageDays(ctx, f) }},
		{"reasons", func(s reports.Source) (any, error) { return s.Reasons(ctx, f) }},
		{"pharmacies", func(s reports.Source) (any, error) { return s.Pharmacies(ctx, f) }},
		{"lead hours", func(s reports.Source) (any, error) { return s.LeadHours(ctx, f) }},
		{"GPs", func(s reports.Source) (any, error) { return s.GPs(ctx, f) }},
		{"GP days", func(s reports.Source) (any, error) { return s.GPDays(ctx, f) }},
		{"promise hours", func(s reports.Source) (any, error) { return s.PromiseHours(ctx, f) }},
		{"renewals", func(s reports.Source) (any, error) { return s.Renewals(ctx, f) }},
		{"renewal days", func(s reports.Source) (any, error) { return s.RenewalDays(ctx, f) }},
		{"assessment versions", func(s reports.Source) (any, error) { return s.AssessmentVersions(ctx, f) }},
		{"consent recorders", func(s reports.Source) (any, error) { return s.ConsentRecorders(ctx, f) }},
		{"case recorders", func(s reports.Source) (any, error) { return s.CaseRecorders(ctx, f) }},
	} {
		a, errA := p.run(ro)
		b, errB := p.run(ta)
		if err := cmp(p.name, a, b, errA, errB); err != nil {
			return nil, err
		}
	}
	return diffs, nil
}

// sortedStrings renders each element of a slice with %+v, sorted.
func sortedStrings(s any) []string {
	v := reflect.ValueOf(s)
	out := make([]string, v.Len())
	for i := range out {
		out[i] = fmt.Sprintf("%+v", v.Index(i).Interface())
	}
	sort.Strings(out)
	return out
}

// onlyIn returns the elements of a missing from b.
func onlyIn(a, b []string) []string {
	in := map[string]int{}
	for _, x := range b {
		in[x]++
	}
	var out []string
	for _, x := range a {
		if in[x] > 0 {
			in[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}
