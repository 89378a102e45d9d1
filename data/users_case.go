package data

import (
	"context"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// Usernames are compared without regard to case: the unique index
// users_username_lower (migration 20261206100000) and every lookup by a
// typed username use lower(username) = lower(?), so "ANNA" signs in as
// "anna" and "Anna" cannot be added beside her. Both engines' lower() fold
// A–Z; PostgreSQL folds other letters by the database's locale as well.

// whereUsername is the one comparison of a stored username with a typed one.
const whereUsername = "lower(u.username) = lower(?)"

// usernameTaken refuses a new username that is, or differs only in case
// from, an existing one, naming the existing user.
func usernameTaken(ctx context.Context, q bun.IDB, username string) error {
	var existing []string
	if err := q.NewSelect().TableExpr("users AS u").Column("u.username").Where(whereUsername, username).
		Limit(1).Scan(ctx, &existing); err != nil {
		return fmt.Errorf("check username: %w", err)
	}
	if len(existing) == 0 {
		return nil
	}
	if existing[0] == username {
		return workflow.Invalid("err.user.username_taken", username)
	}
	return workflow.Invalid("err.user.username_case", username, existing[0])
}

// ErrUsernameCase is why migrate refused: the users table holds usernames
// that differ only in case, which the unique index on lower(username)
// cannot hold. Nothing was migrated.
type ErrUsernameCase struct{ Pairs [][2]string }

func (e *ErrUsernameCase) Error() string {
	pairs := make([]string, len(e.Pairs))
	for i, p := range e.Pairs {
		pairs[i] = fmt.Sprintf("%q and %q", p[0], p[1])
	}
	return "migrate: nothing migrated: usernames must be unique without regard to case, and these differ only in case: " +
		strings.Join(pairs, ", ") + "; rename or remove one of each pair in the users table, then run dosis db migrate again (docs/web.md, Users)"
}

// checkUsernameCase refuses to migrate while two usernames differ only in
// case (at most 20 pairs are named). A database without a users table yet
// has none.
func (db *DB) checkUsernameCase(ctx context.Context) error {
	exists := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'"
	if db.Postgres {
		exists = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'users'"
	}
	var n int
	if err := db.bun.QueryRowContext(ctx, exists).Scan(&n); err != nil {
		return fmt.Errorf("look for the users table: %w", err)
	}
	if n == 0 {
		return nil
	}
	var rows []struct {
		A string `bun:"a"`
		B string `bun:"b"`
	}
	if err := db.bun.NewRaw(`SELECT a.username AS a, b.username AS b FROM users AS a
		JOIN users AS b ON lower(a.username) = lower(b.username) AND a.username < b.username
		ORDER BY a.username, b.username LIMIT 20`).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("look for usernames that differ only in case: %w", err)
	}
	if len(rows) == 0 {
		return nil
	}
	e := &ErrUsernameCase{}
	for _, r := range rows {
		e.Pairs = append(e.Pairs, [2]string{r.A, r.B})
	}
	return e
}
