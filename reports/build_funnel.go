package reports

import (
	"github.com/dosis-dk/dosis/i18n"

	"context"
	"fmt"
	"sort"

	"github.com/dosis-dk/dosis/workflow"
)

func buildFunnel(ctx context.Context, src Source, f Filter, r *Report, names map[int]string) error {
	rows, err := src.Funnel(ctx, f)
	if err != nil {
		return fmt.Errorf("funnel: %w", err)
	}
	for _, c := range rows {
		r.Funnel.Rows = append(r.Funnel.Rows, FunnelRow{Code: c.Code, Name: names[c.Code],
			Stages:     [7]Count{C(c.Opened), C(c.Assessed), C(c.Eligible), C(c.Consented), C(c.Requested), C(c.Approved), C(c.Started)},
			Conversion: Div(float64(c.Started), float64(c.Opened))})
	}
	days, err := src.StageDays(ctx, f)
	if err != nil {
		return fmt.Errorf("funnel stage times: %w", err)
	}
	h := histograms(days)
	labels := stagePairLabels()
	for _, pair := range StagePairs() {
		r.Funnel.Stages = append(r.Funnel.Stages, StageTime{Pair: pair, LabelDA: labels[pair],
			N: C(total(h[pair])), Median: Quantile(h[pair], 0.5)})
	}
	reasons, err := src.Reasons(ctx, f)
	if err != nil {
		return fmt.Errorf("funnel reasons: %w", err)
	}
	for _, rc := range reasons {
		r.Funnel.Reasons = append(r.Funnel.Reasons, ReasonRow{State: rc.State, StateLabel: workflow.State(rc.State).Label(i18n.Danish),
			Reason: rc.Reason, ReasonLabel: reasonLabel(rc.State, rc.Reason), Count: C(rc.Count)})
	}
	for _, rr := range r.Funnel.Reasons {
		r.Funnel.ReasonTotal.N += rr.Count.N
	}
	sort.SliceStable(r.Funnel.Reasons, func(i, j int) bool {
		a, b := r.Funnel.Reasons[i], r.Funnel.Reasons[j]
		if a.State != b.State {
			return a.State < b.State
		}
		return a.Count.N > b.Count.N
	})
	return nil
}

func stagePairLabels() map[string]string {
	return map[string]string{
		StageOpenAssess:     "Åbnet → vurderet",
		StageAssessConsent:  "Vurderet → samtykke",
		StageConsentRequest: "Samtykke → sendt til læge",
		StageRequestApprove: "Sendt til læge → godkendt",
		StageApproveStart:   "Godkendt → startet",
		StageOpenStart:      "Åbnet → startet (i alt)",
	}
}

// reasonLabel returns the Danish label of a closing reason code.
func reasonLabel(state, code string) string {
	events := map[string][]workflow.Event{"declined": {workflow.EventDecline}, "rejected": {workflow.EventReject},
		"ended": {workflow.EventEnd, workflow.EventWithdraw}}[state]
	for _, ev := range events {
		if r, ok := workflow.ReasonFor(ev, code); ok {
			return r.LabelDA
		}
	}
	if code == "" {
		return "Ingen årsag angivet"
	}
	return code
}

func sumFunnel(rows []FunnelRow) FunnelRow {
	t := FunnelRow{Name: "I alt"}
	for _, r := range rows {
		for i := range t.Stages {
			t.Stages[i].N += r.Stages[i].N
		}
	}
	t.Conversion = Div(float64(t.Stages[6].N), float64(t.Stages[0].N))
	return t
}
