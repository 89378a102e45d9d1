package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"
)

// DefaultDSN is the embedded database used when no DSN is given.
const DefaultDSN = "dosis.db"

// DB is an open Dosis database.
type DB struct {
	bun *bun.DB
	// Postgres is true on PostgreSQL, false on SQLite.
	Postgres bool
	// Path is the SQLite file path (empty on PostgreSQL).
	Path string
	// memo keeps built reports while the versions they were built at
	// hold, when a server turns it on (SetReportMemo, report_memo.go).
	memo *reportMemo
	// gate queues this process's writers on SQLite (write_gate.go).
	gate writeGate
	// prepared holds the transition path's prepared statements
	// (prepared.go), closed with the DB.
	prepared *preparedSet
	// ckpt is the background checkpoint loop of a server on SQLite
	// (checkpoint.go), stopped by Close.
	ckpt *checkpointer
	// slow is the slow-query hook of a handle from WithSlowQueries (the
	// benchmark's): bun's statements go through bun's hook, the prepared
	// ones of the transition path through this (nil: not timed).
	slow *slowHook
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn: a postgres:// URL, or a SQLite file
// path (optionally "file:path?..."). SQLite gets WAL, foreign keys, a busy
// timeout and immediate transactions; Open checks they took effect.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	if IsPostgres(dsn) {
		sqldb, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL: %w", err)
		}
		sqldb.SetMaxOpenConns(20)
		// After a PostgreSQL restart or failover every pooled connection is
		// dead. database/sql discards one as soon as pgx reports it broken
		// (pgx pings a connection idle for over a second before reuse), so
		// the pool heals by itself (web.TestPostgresRestartWhileServing);
		// these limits also retire connections that sit idle or live long,
		// so a pool never clings to a replaced server or a stale DNS answer.
		sqldb.SetMaxIdleConns(20) // = max open: see the SQLite pool below
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		sqldb.SetConnMaxLifetime(30 * time.Minute)
		db := &DB{bun: bun.NewDB(sqldb, pgdialect.New()), Postgres: true, prepared: newPreparedSet(sqldb, true)}
		if err := sqldb.PingContext(ctx); err != nil {
			_ = sqldb.Close()
			return nil, fmt.Errorf("connect to PostgreSQL (%s): %w", redactDSN(dsn), err)
		}
		return db, nil
	}
	path := sqlitePath(dsn)
	if err := checkSQLitePath(dsn); err != nil {
		return nil, err
	}
	sqldb, err := sql.Open("sqlite", sqliteDSN(dsn))
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	sqldb.SetMaxOpenConns(8)
	// Keep every connection once opened. database/sql's default of two
	// idle connections closed the third and later ones each time a burst
	// of requests returned them, and the next burst reopened them: each
	// new SQLite connection applies the pragmas, parses the schema and
	// starts with an empty page cache, so the request that got it paid
	// a cold read of its B-tree pages (the web's tail; BENCHMARKS.md).
	sqldb.SetMaxIdleConns(8)
	db := &DB{bun: bun.NewDB(sqldb, sqlitedialect.New()), Path: path, gate: make(writeGate, 1), prepared: newPreparedSet(sqldb, false)}
	if err := db.checkPragmas(ctx); err != nil {
		_ = sqldb.Close()
		return nil, err
	}
	return db, nil
}

// sqliteDSN adds the pragmas Dosis relies on to a SQLite path or file: DSN.
func sqliteDSN(dsn string) string {
	if !strings.HasPrefix(dsn, "file:") {
		dsn = "file:" + dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	// mmap_size: connections read pages straight from the kernel's page
	// cache, which they share, instead of copying each into their own 2 MB
	// page cache with a pread system call. A connection's first queries
	// and any query touching more than 2 MB were otherwise paid in preads
	// (a third of the web's CPU at national scale; BENCHMARKS.md). SQLite
	// caps the size at its compiled maximum (2 GB).
	return dsn + sep + "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
		"&_pragma=mmap_size(2147483648)&_txlock=immediate"
}

func (db *DB) checkPragmas(ctx context.Context) error {
	var fk int
	if err := db.bun.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("open SQLite %s: %w", db.Path, err)
	}
	var mode string
	if err := db.bun.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("open SQLite %s: %w", db.Path, err)
	}
	if fk != 1 || mode != "wal" {
		return fmt.Errorf("open SQLite %s: pragmas not in effect (foreign_keys=%d, journal_mode=%s)", db.Path, fk, mode)
	}
	return nil
}

// Close closes the database (its checkpoint loop and prepared statements
// first).
func (db *DB) Close() error {
	db.stopCheckpoints()
	return errors.Join(db.prepared.close(), db.bun.Close())
}

// Bun returns the underlying bun handle for the data package's own tools
// (tests, benchmarks); domain code never sees it.
func (db *DB) Bun() *bun.DB { return db.bun }

// redactDSN hides the password in a PostgreSQL URL for messages and logs.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
