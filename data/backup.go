package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// PostgresBackupHelp says how to back up and restore a PostgreSQL database,
// which Dosis leaves to PostgreSQL's own tools.
const PostgresBackupHelp = `PostgreSQL is backed up with its own tools, while Dosis runs:
  pg_dump -Fc -f dosis-YYYY-MM-DD.dump "$DOSIS_DB"
and restored (stop dosis serve first) into an empty database with:
  pg_restore --no-owner --exit-on-error -d "$DOSIS_DB" dosis-YYYY-MM-DD.dump
then run: dosis db migrate`

// BackupInfo describes a checked backup file.
type BackupInfo struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	// Migrations are the schema migrations applied in the backup.
	Migrations []string `json:"migrations"`
}

// Backup writes a consistent copy of the SQLite database to path while it
// is in use (VACUUM INTO: a read transaction, so writers carry on), checks
// the copy's integrity and only then gives it its final name. path must
// not exist. On PostgreSQL it refuses and says how to use pg_dump.
func (db *DB) Backup(ctx context.Context, path string) (BackupInfo, error) {
	if db.Postgres {
		return BackupInfo{}, workflow.Invalid("err.backup.sqlite_only", PostgresBackupHelp)
	}
	if strings.TrimSpace(path) == "" || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator)) {
		// An empty name wrote the whole copy to ".partial" in the working
		// directory and left it there when the rename to "" failed.
		return BackupInfo{}, workflow.Invalid("err.backup.needs_file_name", "2026-03-02", path)
	}
	if _, err := os.Stat(path); err == nil {
		return BackupInfo{}, workflow.Invalid("err.backup.file_exists", path)
	}
	partial := path + ".partial"
	_ = os.Remove(partial)
	if _, err := db.bun.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		_ = os.Remove(partial)
		return BackupInfo{}, fmt.Errorf("back up to %s: %w", path, err)
	}
	info, err := CheckBackup(ctx, partial)
	if err != nil {
		_ = os.Remove(partial)
		return BackupInfo{}, err
	}
	if err := os.Rename(partial, path); err != nil {
		_ = os.Remove(partial)
		return BackupInfo{}, fmt.Errorf("back up to %s: %w", path, err)
	}
	info.Path = path
	return info, nil
}

// CheckBackup opens a backup read-only, runs PRAGMA integrity_check and
// lists its applied migrations.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, workflow.Invalid("err.backup.unreadable", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("check backup: %w", err)
	}
	conn, err := sql.Open("sqlite", "file:"+abs+"?mode=ro")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("check backup: %w", err)
	}
	defer conn.Close()
	bad := func(err error) (BackupInfo, error) {
		return BackupInfo{}, workflow.Invalid("err.backup.not_usable", path, err)
	}
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return bad(err)
	}
	if result != "ok" {
		return bad(errors.New("integrity_check: " + result))
	}
	rows, err := conn.QueryContext(ctx, "SELECT name FROM bun_migrations ORDER BY name")
	if err != nil {
		return bad(err)
	}
	defer rows.Close()
	info := BackupInfo{Path: path, Bytes: st.Size()}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return bad(err)
		}
		info.Migrations = append(info.Migrations, name)
	}
	if err := rows.Err(); err != nil {
		return bad(err)
	}
	if len(info.Migrations) == 0 {
		return bad(errors.New("no migrations applied"))
	}
	return info, nil
}
