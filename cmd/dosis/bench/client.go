package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Client is the engine's own command-line client (sqlite3 or psql) that
// runs a SQL script over the same data, its output discarded.
type Client struct {
	path     string
	postgres bool
	dsn      string
}

// NewClient finds the client for the engine: path if given, else sqlite3 or
// psql on PATH.
func NewClient(postgres bool, dsn, path string) (*Client, error) {
	if path == "" {
		name := "sqlite3"
		if postgres {
			name = "psql"
		}
		p, err := exec.LookPath(name)
		if err != nil {
			return nil, fmt.Errorf("%s not found (apt-get install -y %s): %w", name, map[bool]string{false: "sqlite3", true: "postgresql-client"}[postgres], err)
		}
		path = p
	}
	return &Client{path: path, postgres: postgres, dsn: dsn}, nil
}

// Name is the client's file name.
func (c *Client) Name() string { return filepath.Base(c.path) }

// Run runs the script and returns the wall time of the client process.
func (c *Client) Run(ctx context.Context, script string) (time.Duration, error) {
	var cmd *exec.Cmd
	if c.postgres {
		cmd = exec.CommandContext(ctx, c.path, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", os.DevNull, "-f", script, c.dsn)
	} else {
		f, err := os.Open(script)
		if err != nil {
			return 0, fmt.Errorf("bare queries: %w", err)
		}
		defer f.Close()
		cmd = exec.CommandContext(ctx, c.path, "-bail", "-readonly", sqlitePath(c.dsn))
		cmd.Stdin = f
		devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			return 0, fmt.Errorf("bare queries: %w", err)
		}
		defer devnull.Close()
		cmd.Stdout = devnull
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("bare queries by %s: %w: %s", c.Name(), err, stderr.String())
	}
	return time.Since(t0), nil
}

// sqlitePath strips "file:" and any "?..." from a SQLite DSN.
func sqlitePath(dsn string) string {
	if len(dsn) > 5 && dsn[:5] == "file:" {
		dsn = dsn[5:]
	}
	for i := 0; i < len(dsn); i++ {
		if dsn[i] == '?' {
			return dsn[:i]
		}
	}
	return dsn
}
