package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// throttleRow is one counter of login_throttle: a (username, address) pair
// or an address.
type throttleRow struct {
	bun.BaseModel `bun:"table:login_throttle"`
	Key           string     `bun:"key,pk"`
	Failures      int        `bun:"failures"`
	BlockedUntil  *time.Time `bun:"blocked_until"`
	UpdatedAt     time.Time  `bun:"updated_at"`
}

// throttleKey is a counter and how many failures in a row it allows before
// each further attempt must wait.
type throttleKey struct {
	key  string
	free int
}

// loginKeys are the counters a sign-in attempt by username from ip counts
// against. There is deliberately no counter for the username alone: that
// would let anyone lock anyone out. The username is counted without regard
// to case, as sign-in compares it: "ANNA" and "anna" are one counter, so
// varying the case buys no more guesses at anna.
func loginKeys(username, ip string, t LoginThrottle) []throttleKey {
	return []throttleKey{
		{key: "pair\x1f" + strings.ToLower(username) + "\x1f" + ip, free: t.FreePerPair},
		{key: "ip\x1f" + ip, free: t.FreePerIP},
	}
}

// delayAfter is how long the next attempt waits after n failures in a row
// on a counter that allows free: nothing up to free-1, then BaseDelay,
// doubling with every further failure, at most MaxDelay.
func (t LoginThrottle) delayAfter(n, free int) time.Duration {
	if n < free {
		return 0
	}
	d := t.BaseDelay
	for i := free; i < n && d < t.MaxDelay; i++ {
		d *= 2
	}
	return min(d, t.MaxDelay)
}

// reserve counts an attempt on every counter as a failure before the
// password is checked, in one transaction that locks the rows, so N
// parallel attempts are counted one after the other. It returns how long
// to wait when a counter is blocked (and then counts nothing).
func (db *DB) reserve(ctx context.Context, keys []throttleKey, t LoginThrottle, now time.Time) (time.Duration, error) {
	var wait time.Duration
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		rows, err := lockThrottle(ctx, tx, keys, db.Postgres, now)
		if err != nil {
			return err
		}
		for _, k := range keys {
			r := rows[k.key]
			if r.UpdatedAt.Before(now.Add(-t.Window)) {
				r.Failures, r.BlockedUntil = 0, nil // quiet for a whole window: start afresh
			}
			if r.BlockedUntil != nil && r.BlockedUntil.After(now) {
				wait = max(wait, r.BlockedUntil.Sub(now))
			}
		}
		if wait > 0 {
			return nil
		}
		for _, k := range keys {
			r := rows[k.key]
			r.Failures++
			r.BlockedUntil = nil
			if d := t.delayAfter(r.Failures, k.free); d > 0 {
				until := now.Add(d)
				r.BlockedUntil = &until
			}
			r.UpdatedAt = now
			if _, err := tx.NewUpdate().Model(r).WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("count sign-in attempt: %w", err)
			}
		}
		return nil
	})
	return wait, err
}

// lockThrottle creates the counters that do not exist yet and reads them
// locked (FOR UPDATE on PostgreSQL; a SQLite transaction is immediate, so
// it holds the database's write lock from its start).
func lockThrottle(ctx context.Context, tx bun.Tx, keys []throttleKey, pg bool, now time.Time) (map[string]*throttleRow, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	slices.Sort(names) // one lock order for every attempt: no deadlock
	for _, name := range names {
		if _, err := tx.NewInsert().Model(&throttleRow{Key: name, UpdatedAt: now}).
			On("CONFLICT (key) DO NOTHING").Exec(ctx); err != nil {
			return nil, fmt.Errorf("create sign-in counter: %w", err)
		}
	}
	var rows []throttleRow
	q := tx.NewSelect().Model(&rows).Where("key IN (?)", bun.List(names)).OrderExpr("key")
	if pg {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("read sign-in counters: %w", err)
	}
	out := make(map[string]*throttleRow, len(rows))
	for i := range rows {
		rows[i].UpdatedAt = rows[i].UpdatedAt.UTC()
		out[rows[i].Key] = &rows[i]
	}
	for _, name := range names {
		if out[name] == nil {
			return nil, fmt.Errorf("sign-in counter %q vanished", name)
		}
	}
	return out, nil
}

// settle corrects the reservation once the outcome is known: a success
// clears the pair's counter and takes the reserved failure back from the
// address's; an attempt that was never evaluated (the server was too busy)
// takes it back from both.
func (db *DB) settle(ctx context.Context, keys []throttleKey, success bool, t LoginThrottle, now time.Time) error {
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		rows, err := lockThrottle(ctx, tx, keys, db.Postgres, now)
		if err != nil {
			return err
		}
		for i, k := range keys {
			r := rows[k.key]
			switch {
			case success && i == 0:
				r.Failures, r.BlockedUntil = 0, nil
			case r.Failures > 0:
				r.Failures--
				if t.delayAfter(r.Failures, k.free) == 0 {
					r.BlockedUntil = nil
				}
			}
			if _, err := tx.NewUpdate().Model(r).WherePK().Exec(ctx); err != nil {
				return fmt.Errorf("settle sign-in attempt: %w", err)
			}
		}
		return nil
	})
}

// PruneLogins deletes sign-in attempts older than keep and counters idle
// for longer than the throttle's window (and not blocked), and returns how
// many rows went. The server runs it with the session sweep.
func (db *DB) PruneLogins(ctx context.Context, t LoginThrottle, keep time.Duration, now time.Time) (int64, error) {
	now = now.UTC()
	res, err := db.bun.NewDelete().Model((*loginAttemptRow)(nil)).Where("at < ?", now.Add(-keep)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune sign-in attempts: %w", err)
	}
	n, _ := res.RowsAffected()
	res, err = db.bun.NewDelete().Model((*throttleRow)(nil)).
		Where("updated_at < ? AND (blocked_until IS NULL OR blocked_until < ?)", now.Add(-t.Window), now).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune sign-in counters: %w", err)
	}
	m, _ := res.RowsAffected()
	return n + m, nil
}
