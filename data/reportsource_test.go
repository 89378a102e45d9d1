package data_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
)

// q1 is the first quarter of 2026.
func q1(codes ...int) reports.Filter {
	return reports.Filter{From: day("2026-01-01"), To: day("2026-03-31"), Municipalities: codes}
}

func TestReportSourceAggregates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		src := dbtest.Must(db.Reports(workflow.System("test")))(t)
		f := q1(851, 101)

		adoption := dbtest.Must(src.Adoption(ctx, f))(t)
		if len(adoption) != 2 {
			t.Fatalf("adoption rows = %d, want 2", len(adoption))
		}
		for i := range adoption {
			if adoption[i].Population75 <= 0 || adoption[i].Name == "" {
				t.Errorf("municipality %d lacks reference data: %+v", adoption[i].Code, adoption[i])
			}
			adoption[i].Population, adoption[i].Population75, adoption[i].Name = 0, 0, ""
		}
		wantAdoption := []reports.AdoptionCounts{
			{Code: 101, PopulationScale: 1, MedicineHelp: 1, MedicineHelp75: 1, Eligible: 1, Active: 1, Active75: 1, RollDays: 14, Rolls: 1, Urgent: 1},
			{Code: 851, PopulationScale: 1, MedicineHelp: 7, MedicineHelp75: 6, Eligible: 4, Active: 2, Active75: 1, Paused: 1, Potential: 1,
				RollDays: 98, Rolls: 6, Urgent: 3},
		}
		check(t, "adoption", adoption, wantAdoption)

		check(t, "months", dbtest.Must(src.Months(ctx, f))(t), []reports.MonthCounts{
			{Code: 101, Month: "2026-01", Citizens: 1, Rolls: 1, RollDays: 14, Starts: 1},
			{Code: 851, Month: "2026-01", Citizens: 3, Rolls: 4, RollDays: 56, Starts: 1},
			{Code: 851, Month: "2026-02", Citizens: 2, Rolls: 2, RollDays: 42},
		})
		check(t, "funnel", dbtest.Must(src.Funnel(ctx, f))(t), []reports.FunnelCounts{
			{Code: 101, Opened: 1, Assessed: 1, Eligible: 1, Consented: 1, Requested: 1, Approved: 1, Started: 1},
			{Code: 851, Opened: 5, Assessed: 5, Eligible: 4, Consented: 3, Requested: 3, Approved: 1, Started: 1},
		})
		check(t, "stage days", dbtest.Must(src.StageDays(ctx, f))(t), []reports.Bucket{
			{Key: "assess>consent", Value: 1, Count: 1}, {Key: "assess>consent", Value: 2, Count: 1},
			{Key: "assess>consent", Value: 3, Count: 2},
			{Key: "consent>request_gp", Value: 1, Count: 3}, {Key: "consent>request_gp", Value: 69, Count: 1},
			{Key: "gp_approve>start", Value: 3, Count: 1}, {Key: "gp_approve>start", Value: 5, Count: 1},
			{Key: "open>assess", Value: 1, Count: 3}, {Key: "open>assess", Value: 2, Count: 3},
			{Key: "open>start", Value: 9, Count: 1}, {Key: "open>start", Value: 15, Count: 1},
			{Key: "request_gp>gp_approve", Value: 2, Count: 1}, {Key: "request_gp>gp_approve", Value: 4, Count: 1},
		})
		check(t, "reasons", dbtest.Must(src.Reasons(ctx, f))(t), []reports.ReasonCount{
			{State: "declined", Reason: "citizen_declined", Count: 1},
			{State: "ended", Reason: "death", Count: 1},
			{State: "rejected", Reason: "unstable_treatment", Count: 1},
		})
		check(t, "pharmacies", dbtest.Must(src.Pharmacies(ctx, f))(t), []reports.PharmacyCounts{
			{ID: "p1", Name: "Aalborg Apotek", Municipality: 851, PromiseHours: 24, Rolls: 6, RollDays: 98,
				Urgent: 3, Delivered: 2, OnTime: 1, Deviations: 2},
			{ID: "p2", Name: "Nørrebro Apotek", Municipality: 101, PromiseHours: 48, Rolls: 1, RollDays: 14,
				Urgent: 1, Delivered: 1, OnTime: 1},
		})
		check(t, "lead hours", dbtest.Must(src.LeadHours(ctx, f))(t), []reports.Bucket{
			{Key: "p1", Value: 22, Count: 1}, {Key: "p1", Value: 48, Count: 1}, {Key: "p2", Value: 30, Count: 1},
		})
		// Assessments in Q1 by rule-set version: 851's k2, k3, k4, k5, k7
		// under v1 and k2's reassessment under v2; 101's k9.
		check(t, "assessment versions", dbtest.Must(src.AssessmentVersions(ctx, f))(t), []reports.VersionCount{
			{Code: 101, Version: "default v1", Count: 1}, {Code: 851, Version: "default v1", Count: 5},
			{Code: 851, Version: "default v2", Count: 1},
		})
		check(t, "consent recorders", dbtest.Must(src.ConsentRecorders(ctx, f))(t), []reports.ConsentCount{
			{Code: 101, Consents: 1, OutsideDailyCare: 1}, {Code: 851, Consents: 2, OutsideDailyCare: 1},
		})
		// Every case opened in Q1 was opened by "fixture": 1 in 101, 5 in 851.
		check(t, "case recorders", dbtest.Must(src.CaseRecorders(ctx, f))(t), []reports.Bucket{
			{Key: "101", Value: 1, Count: 1}, {Key: "851", Value: 5, Count: 1},
		})
		// The promises on the clock: 24 working hours is 24 clock hours on
		// weekdays (p1), 48 for p2.
		check(t, "promise hours", dbtest.Must(src.PromiseHours(ctx, f))(t), []reports.Bucket{
			{Key: "p1", Value: 24, Count: 3}, {Key: "p2", Value: 48, Count: 1},
		})
		check(t, "GPs", dbtest.Must(src.GPs(ctx, f))(t), []reports.GPCounts{
			{Code: 101, Requests: 1, Approved: 1},
			{Code: 851, Requests: 3, Approved: 1, Rejected: 1, Undecided: 1},
		})
		check(t, "GP days", dbtest.Must(src.GPDays(ctx, f))(t), []reports.Bucket{
			{Key: "101", Value: 2, Count: 1}, {Key: "851", Value: 4, Count: 2},
		})
		// k1's second request renews the prescription r1 approved: not a
		// first proposal (above), but a renewal.
		check(t, "renewals", dbtest.Must(src.Renewals(ctx, f))(t), []reports.GPCounts{{Code: 851, Requests: 1, Approved: 1}})
		check(t, "renewal days", dbtest.Must(src.RenewalDays(ctx, f))(t), []reports.Bucket{{Key: "851", Value: 3, Count: 1}})
	})
}

func TestReportSourceScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		nurse := workflow.Actor{UserID: "n", Role: workflow.RoleNurse, Municipality: 101}
		src := dbtest.Must(db.Reports(nurse))(t)
		rows := dbtest.Must(src.Adoption(ctx, q1()))(t)
		if len(rows) != 1 || rows[0].Code != 101 {
			t.Errorf("a nurse in 101 sees %d municipalities, want only 101", len(rows))
		}
		if rows := dbtest.Must(src.Funnel(ctx, q1(851)))(t); len(rows) != 0 {
			t.Errorf("a nurse in 101 asking for 851 sees %+v, want nothing", rows)
		}
		_, err := db.Reports(workflow.Actor{Role: workflow.RolePharmacy, PharmacyID: "p1"})
		if workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("pharmacy staff: err = %v, want forbidden", err)
		}
	})
}

func check[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func TestReportBuildOnFixture(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		src := dbtest.Must(db.Reports(workflow.System("test")))(t)
		r := dbtest.Must(reports.Build(ctx, src, q1(851, 101), reports.DefaultParams()))(t)
		var aalborg reports.MunicipalityRow
		for _, m := range r.Municipalities {
			if m.Code == 851 {
				aalborg = m
			}
		}
		// 98 roll days = 7 periods of 14 days × (75 − 9) minutes = 462 minutes.
		approx(t, "851 hours", aalborg.Hours.Hours.V, 7.7)
		approx(t, "851 FTE", aalborg.Hours.FTE.V, 7.7/1924)
		approx(t, "851 citizen-months", aalborg.CitizenMonths.V, 98/(365.25/12))
		approx(t, "851 share of medicine help", aalborg.ShareOfHelp.V, 2.0/7)
		approx(t, "851 urgent per 100 citizen-months", aalborg.UrgentPer100.V, 300/(98/(365.25/12)))
		// One potential citizen for a year: 365.25/14 periods × 66 minutes.
		approx(t, "851 potential FTE", aalborg.Hours.PotentialFTE.V, 365.25/14*66/60/1924)
		approx(t, "total hours", r.Total.Hours.Hours.V, 7.7+1.1)
		if r.Total.Active.N != 3 || r.Funnel.Total.Stages[6].N != 2 {
			t.Errorf("totals: active %d, started %d; want 3 and 2", r.Total.Active.N, r.Funnel.Total.Stages[6].N)
		}
		medians := map[string]float64{}
		for _, s := range r.Funnel.Stages {
			medians[s.Pair] = s.Median.V
		}
		check(t, "stage medians", medians, map[string]float64{"open>assess": 1, "assess>consent": 2,
			"consent>request_gp": 1, "request_gp>gp_approve": 2, "gp_approve>start": 3, "open>start": 9})
		p1 := r.Pharmacies[0]
		if p1.LeadMedian.V != 22 || p1.LeadP90.V != 48 || p1.OnTimeShare.V != 0.5 {
			t.Errorf("p1 lead median %v, p90 %v, on time %v; want 22, 48, 0.5", p1.LeadMedian, p1.LeadP90, p1.OnTimeShare)
		}
		approx(t, "p1 deviations per 1,000 rolls", p1.DevPer1000.V, 2000.0/6)
		if r.GPTotal.ApprovalRate.V != 2.0/3 || r.GPTotal.MedianDays.V != 4 {
			t.Errorf("GP approval %v, median %v; want 2/3 and 4 days", r.GPTotal.ApprovalRate, r.GPTotal.MedianDays)
		}
		if len(r.TrendTotal) != 2 || r.TrendTotal[0].Rolls.N != 5 || r.TrendTotal[1].Citizens.N != 2 {
			t.Errorf("trend totals = %+v", r.TrendTotal)
		}
	})
}

func approx(t *testing.T, what string, got, want float64) {
	t.Helper()
	if d := got - want; d > 1e-9 || d < -1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// One report reads each range of rollup rows once: the figures that add
// up the same rows (adoption, trend and pharmacies the roll rows; first
// proposals and renewals the GP requests) share one read.
func TestReportReadsRollupsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		loadReportFixture(t, db)
		rdb, rec := db.RecordQueries()
		src := dbtest.Must(rdb.Reports(workflow.System("test")))(t)
		rec.Start()
		dbtest.Must(reports.Build(ctx, src, q1(851, 101), reports.DefaultParams()))(t)
		seen := map[string]int{}
		for _, q := range rec.Stop() {
			if strings.Contains(q, "FROM rollups") {
				seen[q]++
			}
		}
		if len(seen) == 0 {
			t.Fatal("no rollup query recorded")
		}
		for q, n := range seen {
			if n > 1 {
				t.Errorf("read %d times in one report:\n%s", n, q)
			}
		}
	})
}
