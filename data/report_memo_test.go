package data_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/reports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// selectCounter counts the SELECT statements a DB runs, and calls during
// (when set) before each one.
type selectCounter struct {
	n      atomic.Int64
	mu     sync.Mutex
	during func(query string)
}

func (c *selectCounter) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if strings.HasPrefix(strings.TrimSpace(strings.ToUpper(e.Query)), "SELECT") {
		c.n.Add(1)
		c.mu.Lock()
		f := c.during
		c.mu.Unlock()
		if f != nil {
			f(e.Query)
		}
	}
	return ctx
}

func (c *selectCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// twoInstances opens a migrated database twice, as two `dosis serve`
// processes would: the first with the report memo on and its SELECTs
// counted, the second for the writes.
func twoInstances(t *testing.T, engine string) (served, writer *data.DB, count *selectCounter) {
	t.Helper()
	writer, dsn := dbtest.OpenDSN(t, engine)
	served, err := data.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = served.Close() })
	served.SetReportMemo(8)
	count = &selectCounter{}
	return served.WithHook(count), writer, count
}

var memoNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// memoFigures is what the tests read of a report: cases opened and
// citizens with medicine help, in total.
func memoFigures(t *testing.T, db *data.DB, codes ...int) (opened, help int) {
	t.Helper()
	f := reports.Filter{From: calendar.NewDate(2026, 1, 1), To: calendar.NewDate(2026, 12, 31), Municipalities: codes}
	r, err := db.Report(context.Background(), workflow.System("test"), f, reports.DefaultParams(), false, memoNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Municipalities {
		help += m.MedicineHelp.N
	}
	return r.Funnel.Total.Stages[0].N, help
}

// TestReportMemoExactAcrossInstances: a report served from one instance's
// memo shows a change committed through another instance at the next
// request (citizens registered, a case opened by the workflow, a pharmacy
// renamed); while nothing its municipalities read has changed, a request
// costs the one versions query; a change elsewhere does not rebuild a
// municipality's report.
func TestReportMemoExactAcrossInstances(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			served, writer, count := twoInstances(t, engine)
			sys := workflow.System("test")
			svc := workflow.NewService(writer, func() time.Time { return memoNow }, workflow.DefaultSettings())
			requests := func(codes ...int) (opened, help int, selects int64) {
				before := count.n.Load()
				opened, help = memoFigures(t, served, codes...)
				return opened, help, count.n.Load() - before
			}
			addCitizen := func(cpr string, muni int) workflow.Citizen {
				c, _, err := writer.AddCitizen(ctx, sys, data.NewCitizen{CPR: cpr, Name: "Karen Jensen", Municipality: muni,
					MedicineHelp: true}, memoNow)
				if err != nil {
					t.Fatal(err)
				}
				return c
			}

			if o, h, n := requests(); o != 0 || h != 0 || n < 5 {
				t.Fatalf("empty database: opened %d, help %d in %d selects; want 0, 0 built from the rollups", o, h, n)
			}
			if o, h, n := requests(); o != 0 || h != 0 || n != 1 {
				t.Errorf("nothing changed: opened %d, help %d in %d selects; want 0, 0 in one (the versions)", o, h, n)
			}
			c := addCitizen("010145-1236", 851)
			if _, h, n := requests(); h != 1 || n < 5 {
				t.Errorf("after a citizen with medicine help was added elsewhere: help %d in %d selects, want 1, rebuilt", h, n)
			}
			if _, err := svc.OpenCase(ctx, sys, c.ID, "home_care"); err != nil {
				t.Fatal(err)
			}
			if o, _, _ := requests(); o != 1 {
				t.Errorf("after a case was opened elsewhere: opened %d, want 1", o)
			}
			if o, h, n := requests(); o != 1 || h != 1 || n != 1 {
				t.Errorf("nothing changed: opened %d, help %d in %d selects; want 1, 1 in one", o, h, n)
			}

			// Per municipality: København's report survives a change in Aalborg.
			if _, h, _ := requests(101); h != 0 {
				t.Fatalf("København: help %d, want 0", h)
			}
			addCitizen("020245-1235", 851)
			if _, h, n := requests(101); h != 0 || n != 1 {
				t.Errorf("København after a change in Aalborg: help %d in %d selects; want 0 from the memo", h, n)
			}
			if _, h, n := requests(851); h != 2 || n < 5 {
				t.Errorf("Aalborg after its change: help %d in %d selects; want 2, rebuilt", h, n)
			}
			// The reference data every report reads: a pharmacy's name.
			p := dbtest.Must(writer.AddPharmacy(ctx, workflow.Pharmacy{Name: "Apoteket", Municipality: 851}, memoNow))(t)
			_, _, _ = requests(101)
			p.Name = "Apoteket Nord"
			if err := writer.UpdatePharmacySettings(ctx, p); err != nil {
				t.Fatal(err)
			}
			if _, _, n := requests(101); n < 5 {
				t.Errorf("København after a pharmacy was renamed: %d selects, want a rebuild", n)
			}
		})
	}
}

// TestReportMemoWriteDuringBuild: a change that commits while a report is
// being built (between its queries) never leaves a report in the memo that
// claims to be current without it: the versions are read in the build's
// snapshot, so the next request builds again and shows the change.
func TestReportMemoWriteDuringBuild(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			served, writer, count := twoInstances(t, engine)
			sys := workflow.System("test")
			if _, _, err := writer.AddCitizen(ctx, sys, data.NewCitizen{CPR: "010145-1236", Name: "Karen Jensen",
				Municipality: 851, MedicineHelp: true}, memoNow); err != nil {
				t.Fatal(err)
			}
			var once sync.Once
			wrote := false
			count.mu.Lock()
			count.during = func(q string) {
				if !strings.Contains(q, "FROM rollups") {
					return
				}
				once.Do(func() { // the build has read its versions and starts on the figures
					if _, _, err := writer.AddCitizen(ctx, sys, data.NewCitizen{CPR: "020245-1235", Name: "Ole Jensen",
						Municipality: 851, MedicineHelp: true}, memoNow); err != nil {
						t.Error(err)
					}
					wrote = true
				})
			}
			count.mu.Unlock()
			_, during := memoFigures(t, served)
			if !wrote {
				t.Fatal("the write did not happen during the build")
			}
			if during != 1 && during != 2 {
				t.Errorf("the report built across the write: help %d, want 1 or 2", during)
			}
			if _, after := memoFigures(t, served); after != 2 {
				t.Errorf("the next report: help %d, want 2 (a memo older than its versions was served)", after)
			}
		})
	}
}
