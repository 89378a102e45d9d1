package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun/migrate"
)

// RestoreInfo says what a restore did and what is left to do.
type RestoreInfo struct {
	BackupInfo
	// Previous is where the database that was replaced was moved ("" if none).
	Previous string `json:"previous"`
	// Pending are migrations this program has that the backup lacks: run
	// `dosis db migrate` before anything else.
	Pending []string `json:"pending"`
}

// Restore replaces the SQLite database at target with the backup, after
// checking the backup's integrity and that its schema is this program's or
// older. The database it replaces (with its -wal and -shm files) is kept
// beside it as target.before-restore-<time>. No server may have target
// open: stop it first (Restore cannot tell).
func Restore(ctx context.Context, backup, target string, now time.Time) (RestoreInfo, error) {
	if target == "" {
		target = DefaultDSN
	}
	if IsPostgres(target) {
		return RestoreInfo{}, workflow.Invalid("err.backup.restore_sqlite_only", PostgresBackupHelp)
	}
	target = sqlitePath(target)
	info, err := CheckBackup(ctx, backup)
	if err != nil {
		return RestoreInfo{}, err
	}
	known, err := embeddedMigrations()
	if err != nil {
		return RestoreInfo{}, err
	}
	out := RestoreInfo{BackupInfo: info}
	for _, m := range info.Migrations {
		if !slices.Contains(known, m) {
			return out, workflow.Invalid("err.backup.newer_version", m)
		}
	}
	for _, m := range known {
		if !slices.Contains(info.Migrations, m) {
			out.Pending = append(out.Pending, m)
		}
	}
	restoring := target + ".restoring"
	if err := copyFile(backup, restoring); err != nil {
		_ = os.Remove(restoring)
		return out, fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(target); err == nil {
		out.Previous = target + ".before-restore-" + now.UTC().Format("20060102T150405Z")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(target+suffix, out.Previous+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return out, fmt.Errorf("restore: move the current database aside: %w", err)
			}
		}
	}
	if err := os.Rename(restoring, target); err != nil {
		return out, fmt.Errorf("restore: %w", err)
	}
	return out, nil
}

// sqlitePath returns the file path of a SQLite DSN ("file:x.db?..." → x.db),
// as Open reads it.
func sqlitePath(dsn string) string {
	path := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return path
}

// copyFile copies src to dst and syncs it to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// embeddedMigrations lists the names of this program's migrations.
func embeddedMigrations() ([]string, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrationFiles); err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	var names []string
	for _, m := range ms.Sorted() {
		names = append(names, m.Name)
	}
	return names, nil
}
