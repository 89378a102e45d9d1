package faulttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// dosis is the path of the binary TestMain builds once for every test.
var dosis string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

// buildAndRun builds cmd/dosis into a temporary directory, runs the tests
// and removes the directory.
func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "dosis-faulttest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	dosis = filepath.Join(dir, "dosis")
	build := exec.Command("go", "build", "-o", dosis, "github.com/dosis-dk/dosis/cmd/dosis")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "faulttest: build dosis:", err)
		return 1
	}
	return m.Run()
}

// TestBinaryRuns guards the rig itself: the binary built by TestMain starts.
func TestBinaryRuns(t *testing.T) {
	if out, err := exec.Command(dosis, "--help").CombinedOutput(); err != nil {
		t.Fatalf("dosis --help: %v\n%s", err, out)
	}
}
