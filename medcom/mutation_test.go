package medcom

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestParseMutations parses 5,000 deterministic mutations of the fixtures
// (bytes changed, cut, repeated, structural characters inserted), each
// within 3 seconds, and acknowledges each: the go fuzzer's engine, where it
// runs, does the same without end.
func TestParseMutations(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	var seeds [][]byte
	for _, f := range files {
		b, _ := os.ReadFile(f)
		seeds = append(seeds, b)
	}
	seeds = append(seeds, []byte("{}"), []byte("<a/>"), []byte(`{"a":[1,{"b":"c"}]}`))
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		b := append([]byte(nil), seeds[rng.Intn(len(seeds))]...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			if len(b) == 0 {
				b = []byte{byte(rng.Intn(256))}
			}
			p := rng.Intn(len(b))
			switch rng.Intn(4) {
			case 0:
				b[p] = byte(rng.Intn(256))
			case 1:
				b = append(b[:p], b[min(len(b), p+1+rng.Intn(20)):]...)
			case 2:
				q := rng.Intn(len(b))
				chunk := append([]byte(nil), b[min(p, q):max(p, q)]...)
				b = append(b[:p], append(chunk, b[p:]...)...)
			case 3:
				b = append(b[:p], append([]byte{"{}[]<>\"/:,"[rng.Intn(10)]}, b[p:]...)...)
			}
		}
		if len(b) > 1<<16 {
			b = b[:1<<16]
		}
		done := make(chan bool)
		go func(b []byte) {
			defer close(done)
			checkParsed(t, b)
		}(b)
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("mutation %d (%d bytes) took more than 3 s: %q", i, len(b), b[:min(len(b), 200)])
		}
	}
}
