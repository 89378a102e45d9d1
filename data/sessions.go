package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
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
	// stored remembers, per token hash, the data and expiry this instance
	// last read or wrote, so a commit of an unchanged session needs no
	// query at all (at most sessionsRemembered; cleared when full).
	mu     sync.Mutex
	stored map[string]storedSession
}

// storedSession is a session row as this instance last saw it.
type storedSession struct {
	data   []byte
	expiry time.Time
}

// sessionsRemembered bounds SessionStore.stored.
const sessionsRemembered = 10000

// SessionStore returns the session store. now is the wall clock the
// session manager computes expiries with (scs uses time.Now).
func (db *DB) SessionStore(now func() time.Time) *SessionStore {
	return &SessionStore{db: db, now: now, stored: map[string]storedSession{}}
}

// remember keeps what the row of hash holds now.
func (s *SessionStore) remember(hash string, data []byte, expiry time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.stored) >= sessionsRemembered {
		clear(s.stored)
	}
	s.stored[hash] = storedSession{data: data, expiry: expiry}
}

// forget drops what is remembered of hash.
func (s *SessionStore) forget(hash string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.stored, hash)
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
	hash := tokenHash(token)
	err := s.db.bun.NewSelect().Model(&r).Where("token = ? AND expiry > ?", hash, s.now().UTC()).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		s.forget(hash)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	s.remember(hash, r.Data, r.Expiry)
	return r.Data, true, nil
}

// CommitCtx stores or replaces a session.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	// With an idle timeout, scs commits every request only to move the
	// expiry forward. Skip that write when the data is what this request
	// found (FindCtx remembered it; the web's codec encodes a session the
	// same way every time) and the stored expiry is less than
	// sessionExpirySlack behind: a write per page view serialises on
	// SQLite's one writer and was in the web's tail under load
	// (BENCHMARKS.md). An idle session may thereby expire up to that much
	// early. No query either: the row was read once, by FindCtx.
	hash := tokenHash(token)
	s.mu.Lock()
	cur, ok := s.stored[hash]
	s.mu.Unlock()
	if ok && bytes.Equal(cur.data, b) {
		if d := expiry.Sub(cur.expiry); d >= 0 && d < sessionExpirySlack {
			return nil
		}
	}
	r := sessionRow{Token: hash, Data: b, Expiry: expiry.UTC()}
	err := s.db.gated(ctx, func() error {
		_, err := s.db.bun.NewInsert().Model(&r).On("CONFLICT (token) DO UPDATE").
			Set("data = EXCLUDED.data").Set("expiry = EXCLUDED.expiry").Exec(ctx)
		return err
	})
	if err != nil {
		s.forget(hash)
		return wrap(err, "commit session")
	}
	s.remember(hash, b, r.Expiry)
	return nil
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	s.forget(tokenHash(token))
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
// the idle-timeout expiry (one hour by default) before a commit writes it.
const sessionExpirySlack = 5 * time.Minute
