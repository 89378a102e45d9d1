package data

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
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
	// CPR is the citizen's CPR number masked (DDMMYY-xxxx), "" when none.
	CPR  string
	What string
}

// AccessFilter narrows the access log.
type AccessFilter struct {
	Actor     string
	CitizenID string
	// CPR narrows to the citizen with this CPR number (with or without the
	// hyphen); a number no citizen has finds nothing.
	CPR string
	// From and To narrow to entries on these Danish days (both included).
	From, To calendar.Date
	// Before pages back: only entries with a smaller id. After pages
	// forward: only entries with a larger id, the page just newer than
	// After (still shown newest first). At most one of them is set.
	Before, After int64
	Limit         int
}

// Forward reports whether f turns pages towards newer entries (After set,
// Before not).
func (f AccessFilter) Forward() bool { return f.Before <= 0 && f.After > 0 }

// MaxAccessExport is the most rows one access-log export holds.
const MaxAccessExport = 100_000

// AccessLog reads the access log, newest first. Only admins may read it;
// nothing in the application can change it (the database refuses UPDATE
// and DELETE on the table). A page holds at most 1000 entries.
func (db *DB) AccessLog(ctx context.Context, a workflow.Actor, f AccessFilter) ([]AccessEntry, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	return db.accessLog(ctx, a, f)
}

func (db *DB) accessLog(ctx context.Context, a workflow.Actor, f AccessFilter) ([]AccessEntry, error) {
	if a.Role != workflow.RoleAdmin {
		return nil, workflow.Forbidden("err.access.admins_only")
	}
	var rows []struct {
		accessRow `bun:",extend"`
		CPR       *string `bun:"cpr"`
	}
	q := db.bun.NewSelect().Model(&rows).ModelTableExpr("access_log AS al").ColumnExpr("al.*").ColumnExpr("ci.cpr AS cpr").
		Join("LEFT JOIN citizens AS ci ON ci.id = al.citizen_id").Limit(int64(f.Limit))
	forward := f.Forward()
	switch {
	case forward:
		q = q.Where("al.id > ?", f.After).OrderExpr("al.id ASC")
	case f.Before > 0:
		q = q.Where("al.id < ?", f.Before).OrderExpr("al.id DESC")
	default:
		q = q.OrderExpr("al.id DESC")
	}
	if f.Actor != "" {
		q = q.Where("al.actor = ?", f.Actor)
	}
	if f.CitizenID != "" {
		q = q.Where("al.citizen_id = ?", f.CitizenID)
	}
	if f.CPR != "" {
		n, err := cpr.Parse(f.CPR)
		if err != nil {
			return nil, workflow.InvalidCPR(err)
		}
		q = q.Where("ci.cpr = ?", n.Digits())
	}
	if !f.From.IsZero() {
		q = q.Where("al.at >= ?", f.From.Start().UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("al.at < ?", f.To.StartOfNext().UTC())
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("read access log: %w", err)
	}
	if forward {
		slices.Reverse(rows)
	}
	out := make([]AccessEntry, len(rows))
	for i, r := range rows {
		out[i] = AccessEntry{ID: r.ID, At: r.At.UTC(), Actor: r.Actor, ActorRole: workflow.Role(r.ActorRole),
			CitizenID: r.CitizenID, What: r.What}
		if r.CPR != nil {
			out[i].CPR = cpr.Mask(*r.CPR)
		}
	}
	return out, nil
}

// SearchAccessLog is AccessLog for a person: the search is itself written
// to the access log first (what: "access.search" or "access.export", with
// ".miss" when no citizen has the CPR number searched for; the citizen
// searched for, when the filter names one); a search refused as invalid
// leaves no row. Turning a page (Before or After set) is not logged again. An
// export holds up to MaxAccessExport entries.
func (db *DB) SearchAccessLog(ctx context.Context, a workflow.Actor, f AccessFilter, export bool, now time.Time) ([]AccessEntry, error) {
	if a.Role != workflow.RoleAdmin {
		return nil, workflow.Forbidden("err.access.admins_only")
	}
	// Swapped dates found nothing, which read as "no one looked".
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, workflow.Invalid("err.access.period_reversed", f.From.Format(), f.To.Format())
	}
	what := "access.search"
	if export {
		what, f.Limit, f.Before, f.After = "access.export", MaxAccessExport, 0, 0
	} else if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	citizen := f.CitizenID
	if f.CPR != "" {
		n, err := cpr.Parse(f.CPR)
		if err != nil {
			return nil, workflow.InvalidCPR(err)
		}
		var ids []string
		if err := db.bun.NewSelect().Table("citizens").Column("id").Where("cpr = ?", n.Digits()).Scan(ctx, &ids); err != nil {
			return nil, fmt.Errorf("look up citizen: %w", err)
		}
		if len(ids) == 0 {
			what += ".miss"
		} else {
			citizen = ids[0]
		}
	}
	if (f.Before == 0 && f.After == 0) || export {
		// One row per search, not per page turned.
		if err := logAccess(ctx, db.bun, a, citizen, what, now); err != nil {
			return nil, err
		}
	}
	return db.accessLog(ctx, a, f)
}
