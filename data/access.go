package data

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow"
)

// AccessEntry is one row of the access log: who looked at which citizen's
// data, when, and through which page or command.
type AccessEntry struct {
	ID        int64
	At        time.Time
	Actor     string
	ActorRole workflow.Role
	// CitizenID is empty for a CPR lookup that found no one.
	CitizenID string
	What      string
}

// AccessFilter narrows the access log.
type AccessFilter struct {
	Actor     string
	CitizenID string
	// Before pages back: only entries with a smaller id.
	Before int64
	Limit  int
}

// AccessLog reads the access log, newest first. Only admins may read it;
// nothing in the application can change it (the database refuses UPDATE
// and DELETE on the table).
func (db *DB) AccessLog(ctx context.Context, a workflow.Actor, f AccessFilter) ([]AccessEntry, error) {
	if a.Role != workflow.RoleAdmin {
		return nil, workflow.Forbidden("kun administratorer kan læse adgangsloggen", "only admins may read the access log")
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	var rows []accessRow
	q := db.bun.NewSelect().Model(&rows).OrderExpr("id DESC").Limit(int64(f.Limit))
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.CitizenID != "" {
		q = q.Where("citizen_id = ?", f.CitizenID)
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("read access log: %w", err)
	}
	out := make([]AccessEntry, len(rows))
	for i, r := range rows {
		out[i] = AccessEntry{ID: r.ID, At: r.At.UTC(), Actor: r.Actor, ActorRole: workflow.Role(r.ActorRole),
			CitizenID: r.CitizenID, What: r.What}
	}
	return out, nil
}
