package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/dosis-dk/dosis/reports"
)

// childReport runs `dosis report` for f as a child process and returns its
// wall time and peak resident memory (ru_maxrss, bytes).
func childReport(ctx context.Context, exe, dsn string, f reports.Filter, dir string) (time.Duration, int64, error) {
	cmd := exec.CommandContext(ctx, exe, "--db", dsn, "--actor", "bench", "report",
		"--from", f.From.Format(), "--to", f.To.Format(),
		"--xlsx", filepath.Join(dir, "child.xlsx"), "--html", filepath.Join(dir, "child.html"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("dosis report as a child process: %w: %s", err, out.String())
	}
	wall := time.Since(t0)
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return wall, 0, nil
	}
	return wall, ru.Maxrss * 1024, nil // Linux reports kilobytes
}
