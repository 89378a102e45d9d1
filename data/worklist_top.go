package data

import (
	"context"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// top reads the source's first n rows in due order (every row when
// n <= 0) and how many rows it has in all, with the citizens' names when
// names is set. The count is taken only when the source has more than n
// rows, and without the citizens (every case has its citizen).
func (wq workQuery) top(ctx context.Context, n int, names bool) ([]workRow, int, error) {
	count := wq.q.Clone()
	q := wq.q
	if names {
		q = q.Join("JOIN citizens AS ci ON ci.id = c.citizen_id").ColumnExpr("ci.name AS citizen_name")
	}
	var rows []workRow
	if n <= 0 {
		err := q.Scan(ctx, &rows)
		return rows, len(rows), err
	}
	order := wq.order
	if order == "" {
		order = "due"
	}
	// The tie-breakers follow workflow.Worklist.Sort, so the n kept are
	// the n the full list would show first.
	if err := q.OrderExpr(order+", case_id, ref_id").Limit(int64(n)).Scan(ctx, &rows); err != nil {
		return nil, 0, err
	}
	if len(rows) < n {
		return rows, len(rows), nil
	}
	total, err := count.Count(ctx) // Count leaves out the order and the limit
	return rows, int(total), err
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
