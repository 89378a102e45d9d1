package data

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// sqliteFile is the file a SQLite DSN names (sqlitePath), and whether it
// names a file at all (not an in-memory database).
func sqliteFile(dsn string) (string, bool) {
	path := sqlitePath(dsn)
	if strings.Contains(dsn, "mode=memory") {
		return path, false
	}
	return path, path != "" && path != ":memory:"
}

// checkSQLitePath refuses a SQLite path that cannot be a database file
// before the driver turns it into "unable to open database file (14)": a
// directory (a typo in --db or DOSIS_DB, or a trailing slash).
func checkSQLitePath(dsn string) error {
	path, file := sqliteFile(dsn)
	if !file {
		return nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return workflow.Invalid("err.database.is_directory", path, strings.TrimSuffix(path, "/"))
	}
	return nil
}

// OpenExisting is Open for the commands that work on a database that must
// already be there (everything but `dosis db migrate`, `db status` and
// `backup`): a SQLite file that does not exist is refused, naming the path
// and the command that creates one, instead of being created empty by the
// driver and then refused as an out-of-date schema, which left an empty
// database file behind a mistyped --db.
func OpenExisting(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	if !IsPostgres(dsn) {
		if path, file := sqliteFile(dsn); file {
			if _, err := os.Stat(path); os.IsNotExist(err) {
				return nil, fmt.Errorf("there is no database at %s: check --db (or DOSIS_DB), or create one with `dosis db migrate --db %s`", path, path)
			}
		}
	}
	return Open(ctx, dsn)
}
