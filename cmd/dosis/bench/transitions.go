package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// TransitionOptions configures RunTransitions.
type TransitionOptions struct {
	// DSN is a database of its own for the run (it is migrated and filled
	// with the run's citizens; never the database being measured).
	DSN string
	// Cases is how many cases are taken through the funnel, six audited
	// transitions each: open, assess, consent, request_gp, gp_approve, start.
	Cases int
	// Workers is how many goroutines fire transitions (1: sequential).
	Workers int
	// Duration bounds the timed part; the run stops at Cases or Duration.
	Duration time.Duration
	// Log receives progress lines (may be nil).
	Log io.Writer
}

// TransitionResult holds the transitions benchmark's figures.
type TransitionResult struct {
	Engine      string
	Workers     int
	Transitions int
	Failed      int
	Elapsed     time.Duration
	PerSecond   float64
}

// benchMunicipality is where the transitions benchmark's citizens live.
const benchMunicipality = 851

// RunTransitions measures audited workflow transitions per second through
// workflow.Service on a real database: each transition is one transaction
// with its audit row (and, for start, the planned roll periods).
func RunTransitions(ctx context.Context, o TransitionOptions) (TransitionResult, error) {
	o.Workers = max(o.Workers, 1)
	logf := logger(o.Log)
	db, err := data.Open(ctx, o.DSN)
	if err != nil {
		return TransitionResult{}, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return TransitionResult{}, err
	}
	res := TransitionResult{Engine: engineName(db), Workers: o.Workers}
	now := time.Now()
	citizens, ph, err := transitionFixture(ctx, db, o.Cases, now)
	if err != nil {
		return res, err
	}
	logf("%d citizens ready; %d worker(s) start", len(citizens), o.Workers)
	sv := workflow.NewService(db, time.Now, workflow.DefaultSettings())
	nurse := workflow.Actor{UserID: "bench", Role: workflow.RoleNurse, Municipality: benchMunicipality}
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	jobs := make(chan string)
	var done, failed atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	t0 := time.Now()
	for range o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				n, err := funnel(ctx, sv, nurse, id, ph)
				done.Add(int64(n))
				if err != nil && ctx.Err() == nil {
					failed.Add(1)
					once.Do(func() { firstErr = err })
				}
			}
		}()
	}
feed:
	for _, id := range citizens {
		select {
		case jobs <- id:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	res.Elapsed = time.Since(t0)
	res.Transitions, res.Failed = int(done.Load()), int(failed.Load())
	res.PerSecond = float64(res.Transitions) / res.Elapsed.Seconds()
	if firstErr != nil {
		logf("first failure: %v", firstErr)
	}
	return res, nil
}

// funnel takes a citizen's new case from open to start and returns how
// many transitions succeeded.
func funnel(ctx context.Context, sv *workflow.Service, a workflow.Actor, citizenID, pharmacyID string) (int, error) {
	c, err := sv.OpenCase(ctx, a, citizenID, "home_care")
	if err != nil {
		return 0, err
	}
	facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6,
		"no_change_expected": true, "packable_medicine_count": 5, "can_handle_roll": true}
	steps := []func() error{
		func() error { _, _, err := sv.Assess(ctx, a, c.ID, eligibility.Default(), facts, ""); return err },
		func() error {
			_, err := sv.RecordConsent(ctx, a, c.ID, workflow.ConsentInput{GivenBy: workflow.GiverCitizen,
				Method: workflow.MethodWritten, GivenOn: calendar.Today(time.Now())}, "")
			return err
		},
		func() error { _, err := sv.RequestGP(ctx, a, c.ID, ""); return err },
		func() error {
			_, err := sv.RecordGPDecision(ctx, a, c.ID, workflow.GPDecision{Approved: true})
			return err
		},
		func() error { _, err := sv.Start(ctx, a, c.ID, pharmacyID, ""); return err },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return i + 1, fmt.Errorf("case transition %d: %w", i+2, err)
		}
	}
	return len(steps) + 1, nil
}

// transitionFixture adds a GP, a pharmacy and n citizens (untimed) and
// returns the citizen ids and the pharmacy id.
func transitionFixture(ctx context.Context, db *data.DB, n int, now time.Time) ([]string, string, error) {
	admin := workflow.System("bench")
	if _, err := db.AddGP(ctx, workflow.GP{Ydernummer: "099999", Name: "Benchmark-lægehus"}, now); err != nil {
		return nil, "", fmt.Errorf("bench fixture: %w", err)
	}
	ph, err := db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Benchmark-apotek", Municipality: benchMunicipality}, now)
	if err != nil {
		return nil, "", fmt.Errorf("bench fixture: %w", err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(now.UnixNano())))
	var ids []string
	for tries := 0; len(ids) < n && tries < 3*n+10; tries++ {
		birth := calendar.NewDate(1930+rng.IntN(20), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		num, err := cpr.Generate(rng, birth, []cpr.Sex{cpr.Male, cpr.Female}[rng.IntN(2)])
		if err != nil {
			continue
		}
		cit, _, err := db.AddCitizen(ctx, admin, data.NewCitizen{CPR: num.String(), Name: "Bench Borger",
			Municipality: benchMunicipality, GPYdernummer: "099999", MedicineHelp: true}, now)
		if err != nil {
			continue // a CPR number drawn twice
		}
		ids = append(ids, cit.ID)
	}
	if len(ids) < n {
		return nil, "", fmt.Errorf("bench fixture: only %d of %d citizens", len(ids), n)
	}
	return ids, ph.ID, nil
}
