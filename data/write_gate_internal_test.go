package data

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/workflow"
)

// BenchmarkConcurrentAccessLog: 16 page views at once, each writing its
// access-log row as the case page does, on SQLite, with this process's
// writers queued on the gate and without (each polling SQLite's lock under
// the busy timeout). It reports the median and 99th percentile of one
// write's latency.
func BenchmarkConcurrentAccessLog(b *testing.B) {
	for _, gate := range []bool{true, false} {
		name := "polling"
		if gate {
			name = "gate"
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db, err := Open(ctx, filepath.Join(b.TempDir(), "gate.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			if !gate {
				db.gate = nil
			}
			a := workflow.System("bench")
			const writers = 16
			var mu sync.Mutex
			var lat []time.Duration
			var wg sync.WaitGroup
			b.ResetTimer()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < b.N; i += writers {
						t0 := time.Now()
						if err := db.gated(ctx, func() error { return logAccess(ctx, db.bun, a, "", "bench", t0) }); err != nil {
							b.Error(err)
							return
						}
						d := time.Since(t0)
						mu.Lock()
						lat = append(lat, d)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			slices.Sort(lat)
			if len(lat) > 0 {
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-p50")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "ms-p99")
			}
		})
	}
}

// TestGateDoesNotHang: a writer that finds the gate held past gateWait
// still writes (through SQLite's busy handling), and a cancelled one
// returns its context's error.
func TestGateCancelled(t *testing.T) {
	db := &DB{gate: make(writeGate, 1)}
	db.gate <- struct{}{} // held
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	ran := false
	if err := db.gated(ctx, func() error { ran = true; return nil }); err == nil || ran {
		t.Errorf("a writer whose context ended while the gate was held: ran %v, err %v", ran, err)
	}
	<-db.gate
	if err := db.gated(context.Background(), func() error { ran = true; return nil }); err != nil || !ran || len(db.gate) != 0 {
		t.Errorf("a free gate: ran %v, err %v, %d held after", ran, err, len(db.gate))
	}
}
