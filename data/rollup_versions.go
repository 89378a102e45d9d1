package data

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// The report versions (table rollup_versions): one counter per
// municipality, moved on by every transaction that changes what a report
// of that municipality reads, in that transaction, and row 0 for the
// reference data every report reads (municipalities, pharmacies). A report
// built in a snapshot where the versions of its municipalities (and row 0)
// were V has exactly the figures of any later snapshot with the same
// versions, so a server may serve it from memory while they are unchanged
// (report_memo.go), and every instance agrees by construction.

// referenceVersion is the row of the reference data.
const referenceVersion = 0

// bumpVersions moves on the versions of codes (deduplicated, ascending:
// concurrent PostgreSQL transactions then lock shared rows in one order
// and cannot deadlock). Call it last in the transaction, after the
// rollups: on PostgreSQL the row lock is held until the commit, and only
// transactions of the same municipality wait for it.
// bumpVersionSQL moves on one municipality's report version (the
// transition path runs it prepared: hotTx.bumpVersions).
const bumpVersionSQL = "INSERT INTO rollup_versions (municipality_code, v) VALUES (?, 1) " +
	"ON CONFLICT (municipality_code) DO UPDATE SET v = rollup_versions.v + 1"

func bumpVersions(ctx context.Context, q bun.IDB, codes []int) error {
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	if len(codes) == 0 {
		return nil
	}
	var sb strings.Builder
	args := make([]any, 0, len(codes))
	sb.WriteString("INSERT INTO rollup_versions (municipality_code, v) VALUES ") // as bumpVersionSQL, for n rows
	for i, c := range codes {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, 1)")
		args = append(args, c)
	}
	sb.WriteString(" ON CONFLICT (municipality_code) DO UPDATE SET v = rollup_versions.v + 1")
	if _, err := q.NewRaw(sb.String(), args...).Exec(ctx); err != nil {
		return fmt.Errorf("report versions: %w", err)
	}
	return nil
}

// bumpAllVersions moves on every municipality's version and the reference
// data's: after a change that may touch any of them (a rebuild, the
// medicine-help refresh of an import, the reference data).
func bumpAllVersions(ctx context.Context, q bun.IDB) error {
	if _, err := q.NewRaw(`INSERT INTO rollup_versions (municipality_code, v)
SELECT code, 1 FROM (SELECT code FROM municipalities UNION SELECT 0) m WHERE 1 = 1 ORDER BY code
ON CONFLICT (municipality_code) DO UPDATE SET v = rollup_versions.v + 1`).Exec(ctx); err != nil {
		return fmt.Errorf("report versions: %w", err)
	}
	return nil
}

// BumpAllReportVersions is bumpAllVersions for the imports package, in its
// transaction: an import may change pharmacies and citizens anywhere.
func BumpAllReportVersions(ctx context.Context, q bun.IDB) error { return bumpAllVersions(ctx, q) }

// applyVersioned applies the deltas and moves on their municipalities'
// versions: for a change outside the workflow's transactions (a citizen
// registered or edited), which flushRollups covers.
func (d rollupDeltas) applyVersioned(ctx context.Context, q bun.IDB) error {
	if err := d.apply(ctx, q); err != nil {
		return err
	}
	return bumpVersions(ctx, q, d.municipalities())
}

// municipalities returns the municipality codes the deltas touch (the
// national rows under 0 always come with a municipality's own).
func (d rollupDeltas) municipalities() []int {
	var out []int
	for k := range d {
		if k.Municipality != 0 && !slices.Contains(out, k.Municipality) {
			out = append(out, k.Municipality)
		}
	}
	return out
}

// readVersions returns the versions of codes (nil: every municipality) and
// of the reference data as one string, "code:v" in code order, read by q
// (a report's read transaction, so in its snapshot). A municipality never
// bumped has no row and does not appear: its first bump changes the string.
func readVersions(ctx context.Context, q bun.IDB, codes []int) (string, error) {
	var rows []struct {
		Code int   `bun:"municipality_code"`
		V    int64 `bun:"v"`
	}
	query := "SELECT municipality_code, v FROM rollup_versions"
	var args []any
	if codes != nil {
		ph := make([]string, 0, len(codes)+1)
		for _, c := range append([]int{referenceVersion}, codes...) {
			ph = append(ph, "?")
			args = append(args, c)
		}
		query += " WHERE municipality_code IN (" + strings.Join(ph, ", ") + ")"
	}
	query += " ORDER BY municipality_code"
	if err := q.NewRaw(query, args...).Scan(ctx, &rows); err != nil {
		return "", fmt.Errorf("report versions: %w", err)
	}
	var sb strings.Builder
	for _, r := range rows {
		sb.WriteString(strconv.Itoa(r.Code) + ":" + strconv.FormatInt(r.V, 10) + " ")
	}
	return sb.String(), nil
}
