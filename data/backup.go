package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun/migrate"
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
		return BackupInfo{}, workflow.Invalid("dosis backup tager kun SQLite-databaser; brug pg_dump til PostgreSQL:\n"+PostgresBackupHelp,
			"dosis backup copies SQLite databases only; use pg_dump for PostgreSQL:\n"+PostgresBackupHelp)
	}
	if _, err := os.Stat(path); err == nil {
		return BackupInfo{}, workflow.Invalidf("%s findes allerede; vælg et nyt filnavn", "%s already exists; choose a new file name", path)
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
		return BackupInfo{}, workflow.Invalidf("sikkerhedskopien %s kan ikke læses: %v", "the backup %s cannot be read: %v", path, err)
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
		return BackupInfo{}, workflow.Invalidf("%s er ikke en brugbar Dosis-sikkerhedskopi (%v)",
			"%s is not a usable Dosis backup (%v)", path, err)
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
		return RestoreInfo{}, workflow.Invalid("dosis restore tager kun SQLite-databaser; brug pg_restore til PostgreSQL:\n"+PostgresBackupHelp,
			"dosis restore handles SQLite databases only; use pg_restore for PostgreSQL:\n"+PostgresBackupHelp)
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
			return out, workflow.Invalidf("sikkerhedskopien er fra en nyere udgave af Dosis (migrering %s er ukendt); opdatér dosis først",
				"the backup is from a newer Dosis (migration %s is unknown); upgrade dosis first", m)
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
