package data_test

import (
	"context"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// sameDatabase returns the DSN of db's database, for opening more
// connection pools on it (as separate machines would).
func sameDatabase(t *testing.T, db *data.DB) string {
	t.Helper()
	if !db.Postgres {
		return db.Path
	}
	var name string
	if err := db.Bun().NewRaw("SELECT current_database()").Scan(context.Background(), &name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(os.Getenv("DOSIS_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func TestRemindConcurrentRunsCreateEachReminderOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		// Forget the reminders the transitions wrote, as after an import:
		// remind must compute them all again.
		if _, err := db.Bun().ExecContext(ctx, "DELETE FROM reminders"); err != nil {
			t.Fatal(err)
		}
		const machines, runs = 4, 3
		var mu sync.Mutex
		var created []workflow.Reminder
		var wg sync.WaitGroup
		errs := make(chan error, machines*runs)
		for range machines {
			other, err := data.Open(ctx, sameDatabase(t, db))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = other.Close() })
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range runs {
					rs, err := other.Remind(ctx, f.now, workflow.DefaultSettings())
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					created = append(created, rs...)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		kinds := map[string]string{}
		for _, r := range created {
			kinds[f.caseName(r.CaseID)+"/"+r.Kind] = r.DueAt.Format("02-01-2006 15:04")
		}
		want := []string{"gp/" + workflow.ReminderGPFollowUp, "firstRoll/" + workflow.ReminderFirstRoll,
			"active/" + workflow.ReminderUrgentOverdue}
		if len(created) != len(want) || len(kinds) != len(want) {
			t.Fatalf("want %d reminders created once in all, got %d: %v", len(want), len(created), kinds)
		}
		for _, k := range want {
			if _, ok := kinds[k]; !ok {
				t.Errorf("missing reminder %s in %v", k, kinds)
			}
		}
		var dup int
		if err := db.Bun().NewRaw("SELECT COUNT(*) FROM (SELECT case_id, kind, due_at FROM reminders GROUP BY case_id, kind, due_at HAVING COUNT(*) > 1) d").Scan(ctx, &dup); err != nil {
			t.Fatal(err)
		}
		var total int
		if err := db.Bun().NewRaw("SELECT COUNT(*) FROM reminders").Scan(ctx, &total); err != nil {
			t.Fatal(err)
		}
		if dup != 0 || total != len(want) {
			t.Errorf("want %d reminders stored once, got %d stored, %d duplicated", len(want), total, dup)
		}
		// The GP follow-up computed by remind is the one RequestGP writes.
		gp := f.cases["gp"]
		d := dbtest.Must(db.CaseDetail(ctx, workflow.System("t"), gp.ID, "test", f.now))(t)
		if len(d.Reminders) != 1 || !d.Reminders[0].DueAt.Equal(workflow.DefaultSettings().GPFollowUpDue(d.GPRequests[0].RequestedAt)) {
			t.Errorf("GP follow-up: %+v", d.Reminders)
		}
		// A later run creates nothing; the counts are aggregates.
		if again := dbtest.Must(db.Remind(ctx, f.now, workflow.DefaultSettings()))(t); len(again) != 0 {
			t.Errorf("a second run created %v", again)
		}
		counts := dbtest.Must(db.DueReminderCounts(ctx, f.now))(t)
		if len(counts) != 3 {
			t.Errorf("due counts: %+v", counts)
		}
	})
}

func TestRemindKeepsTransitionReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := newWLFixture(t, db)
		var before int
		if err := db.Bun().NewRaw("SELECT COUNT(*) FROM reminders").Scan(ctx, &before); err != nil {
			t.Fatal(err)
		}
		created := dbtest.Must(db.Remind(ctx, f.now, workflow.DefaultSettings()))(t)
		// Only the urgent roll's overdue reminder is new: the GP follow-up
		// and first-roll reminders were written by the transitions with the
		// same due time.
		if len(created) != 1 || created[0].Kind != workflow.ReminderUrgentOverdue || created[0].CaseID != f.cases["active"].ID {
			t.Errorf("want only the urgent-roll reminder, got %+v", created)
		}
	})
}

func (f *wlFixture) caseName(id string) string {
	for k, c := range f.cases {
		if c.ID == id {
			return k
		}
	}
	return id
}
