package faulttest

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// trigger says when to kill: once stderr has printed a line containing
// Line (if set), after Delay.
type trigger struct {
	Line  string
	Delay time.Duration
}

// outcome is what a killed (or finished) run did.
type outcome struct {
	Killed   bool          // SIGKILL arrived before the command ended
	ExitCode int           // when it ended by itself
	At       time.Duration // time from start to the kill or the end
	Stdout   string
	Stderr   string
}

// killDuring starts dosis with args and kills it with SIGKILL at the
// trigger, unless it ends first.
func killDuring(t *testing.T, at trigger, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(dosis, args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	var stderr bytes.Buffer
	seen := make(chan struct{})
	var once sync.Once
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			if at.Line != "" && strings.Contains(sc.Text(), at.Line) {
				once.Do(func() { close(seen) })
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dosis %v: %v", args, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); _ = pw.Close() }()
	var arm <-chan struct{}
	if at.Line != "" {
		arm = seen
	} else {
		c := make(chan struct{})
		close(c)
		arm = c
	}
	var o outcome
	select {
	case <-exited:
	case <-arm:
		select {
		case <-exited:
		case <-time.After(at.Delay):
			_ = cmd.Process.Kill() // SIGKILL: no deferred function, no rollback runs
			<-exited
			o.Killed = cmd.ProcessState != nil && !cmd.ProcessState.Exited()
		}
	}
	o.At = time.Since(began)
	o.Stdout, o.Stderr = stdout.String(), stderr.String()
	if !o.Killed && cmd.ProcessState != nil {
		o.ExitCode = cmd.ProcessState.ExitCode()
	}
	return o
}

// run runs dosis to the end and fails the test unless it exits 0.
func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(dosis, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("dosis %s: %v\n%s", strings.Join(args, " "), err, tail(string(out)))
	}
	return string(out)
}

// tail is the last lines of a command's output, for messages.
func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-8):], "\n")
}

// newRand is the tests' source of kill points: seeded from the clock, or
// from DOSIS_FAULT_SEED to repeat a run; the seed is logged.
func newRand(t *testing.T) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("DOSIS_FAULT_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("DOSIS_FAULT_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("kill points from DOSIS_FAULT_SEED=%d", seed)
	return rand.New(rand.NewPCG(seed, 0x5eed))
}

// between draws a duration in [lo, hi).
func between(r *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.Int64N(int64(hi-lo)))
}

// iterations is n, or fewer with -short.
func iterations(n int) int {
	if testing.Short() {
		return max(1, n/3)
	}
	return n
}

// runStatus runs dosis to the end and returns its output and exit code.
func runStatus(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(dosis, args...)
	out, err := cmd.CombinedOutput()
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("dosis %s: %v", strings.Join(args, " "), err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}
