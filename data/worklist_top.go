package data

import (
	"context"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// top reads the source's first n rows (every row when n <= 0), the
// current ones in due order before the long-overdue ones (more than
// workflow.StaleAfter past due at now), with how many rows it has in all
// and how many of them are long overdue, and the citizens' names when
// names is set. The names are joined to the n rows kept, not to every row
// of the source (a København source has close to a thousand), and both
// counts come from one pass, taken only when the source has more than n
// rows.
func (wq workQuery) top(ctx context.Context, n int, names bool, now time.Time) ([]workRow, int, int, error) {
	cutoff := now.Add(-workflow.StaleAfter - wq.shift)
	col, arg := "due", any(cutoff)
	if wq.order == "due_day" {
		col, arg = "due_day", calendar.DayOf(cutoff)
	}
	db := wq.q.DB()
	var rows []workRow
	if n <= 0 {
		q := wq.q
		if names {
			q = q.Join("JOIN citizens AS ci ON ci.id = c.citizen_id").ColumnExpr("ci.name AS citizen_name")
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, 0, 0, err
		}
		return rows, len(rows), wq.staleRows(rows, cutoff), nil
	}
	// The tie-breakers follow workflow.Worklist.Sort, so the n kept are
	// the n the full list would show first.
	order := "CASE WHEN w." + col + " < ? THEN 1 ELSE 0 END, w." + col + ", w.case_id, w.ref_id"
	q := db.NewSelect().TableExpr("(?) AS w", wq.q).ColumnExpr("w.*").OrderExpr(order, arg).Limit(int64(n))
	if names {
		q = db.NewSelect().TableExpr("(?) AS w", q).ColumnExpr("w.*, ci.name AS citizen_name").
			Join("JOIN cases AS nc ON nc.id = w.case_id").Join("JOIN citizens AS ci ON ci.id = nc.citizen_id").
			OrderExpr(order, arg)
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, 0, 0, err
	}
	if len(rows) < n {
		return rows, len(rows), wq.staleRows(rows, cutoff), nil
	}
	var total, stale int
	err := db.NewSelect().TableExpr("(?) AS w", wq.q).ColumnExpr("COUNT(*)").
		ColumnExpr("COALESCE(SUM(CASE WHEN w."+col+" < ? THEN 1 ELSE 0 END), 0)", arg).Scan(ctx, &total, &stale)
	return rows, total, stale, err
}

func (wq workQuery) staleRows(rows []workRow, cutoff time.Time) int {
	n, day := 0, calendar.DayOf(cutoff)
	for _, r := range rows {
		if (r.DueDay.IsZero() && r.Due.Before(cutoff)) || (!r.DueDay.IsZero() && r.DueDay.Before(day)) {
			n++
		}
	}
	return n
}

// rowScoped adds the scope's municipality on x, the row's own copy of its
// case's municipality (roll periods and urgent rolls are written with it,
// and a case never changes municipality). The case's scope stays as it
// is; the copy lets the planner start from the row's partial index
// (migration 20261127106000_web_perf) instead of from every case.
func rowScoped(q *bun.SelectQuery, s workflow.Scope) *bun.SelectQuery {
	if s.All || s.None || s.PharmacyID != "" {
		return q
	}
	return q.Where("x.municipality_code = ?", s.Municipality)
}
