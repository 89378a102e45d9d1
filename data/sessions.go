package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// SessionStore keeps web sessions in the sessions table (by the SHA-256 of
// their token, never the token itself), so every instance
// on one database shares them. It implements the Store and CtxStore
// interfaces of github.com/alexedwards/scs/v2 without importing it.
type SessionStore struct {
	db  *DB
	now func() time.Time
}

// SessionStore returns the session store. now is the wall clock the
// session manager computes expiries with (scs uses time.Now).
func (db *DB) SessionStore(now func() time.Time) *SessionStore {
	return &SessionStore{db: db, now: now}
}

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`
	Token         string    `bun:"token,pk"`
	Data          []byte    `bun:"data"`
	Expiry        time.Time `bun:"expiry"`
}

// FindCtx returns the data of an unexpired session.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var r sessionRow
	err := s.db.bun.NewSelect().Model(&r).Where("token = ? AND expiry > ?", tokenHash(token), s.now().UTC()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return r.Data, true, nil
}

// CommitCtx stores or replaces a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	// With an idle timeout, scs commits every request only to move the
	// expiry forward. Skip that write when the data is unchanged and the
	// stored expiry is less than a minute behind: a write per page view
	// serialises on SQLite and dominated the tail latency under load
	// (BENCHMARKS.md). An idle session may thereby expire up to a minute early.
	var cur sessionRow
	err := s.db.bun.NewSelect().Model(&cur).Where("token = ?", tokenHash(token)).Scan(ctx)
	if err == nil && bytes.Equal(cur.Data, b) {
		if d := expiry.Sub(cur.Expiry); d >= 0 && d < sessionExpirySlack {
			return nil
		}
	}
	r := sessionRow{Token: tokenHash(token), Data: b, Expiry: expiry.UTC()}
	_, err = s.db.bun.NewInsert().Model(&r).On("CONFLICT (token) DO UPDATE").
		Set("data = EXCLUDED.data").Set("expiry = EXCLUDED.expiry").Exec(ctx)
	return wrap(err, "commit session")
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.bun.NewDelete().Model((*sessionRow)(nil)).Where("token = ?", tokenHash(token)).Exec(ctx)
	return wrap(err, "delete session")
}

// Find is FindCtx without a context.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// DeleteExpired removes expired sessions and returns how many; the server
// runs it now and then.
func (s *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res, err := s.db.bun.NewDelete().Model((*sessionRow)(nil)).Where("expiry <= ?", s.now().UTC()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// tokenHash is what the sessions table stores for a token: its SHA-256 in
// hex. The table (and every backup of it) then holds nothing that signs
// anyone in; the token is 256 random bits, so no salt or slow hash is needed.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// sessionExpirySlack is how far a session's stored expiry may lag behind
// the idle-timeout expiry before a commit writes it.
const sessionExpirySlack = time.Minute
