package imports

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// errRollback ends the transaction of a dry run or a file with bad rows.
var errRollback = errors.New("import rolled back")

// batch is how many rows go in one INSERT or IN list.
const batch = 500

// Run imports a file of kind k as actor (an admin: imports cross
// municipalities). Every row is checked, against the database too; when
// any row is bad nothing is written and the error is an invalid-input
// workflow.Error, with every problem in the report. Otherwise the changes
// are written in one transaction, or with o.DryRun rolled back.
func Run(ctx context.Context, db *data.DB, actor workflow.Actor, k Kind, b []byte, o Options) (*Report, error) {
	if !actor.Scope().All {
		return nil, workflow.Forbidden("err.import.admins_only")
	}
	// A municipality for the rows without one must be one of the 98: an
	// unknown one was refused on every row instead ("is not the
	// municipality given", "column municipality ()").
	if o.Municipality != 0 {
		if err := db.RequireMunicipality(ctx, o.Municipality); err != nil {
			return nil, err
		}
	}
	p, err := Parse(k, b, o)
	if err != nil {
		return nil, err
	}
	rep := p.Report
	err = db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		w := &writer{tx: tx, actor: actor, now: o.Now.UTC(), rep: rep}
		var err error
		switch k {
		case Citizens:
			err = w.citizens(ctx, p.citizens)
		case MedicineHelp:
			err = w.medicineHelp(ctx, p.help)
		case GPs:
			err = w.gps(ctx, p.gps)
		case Pharmacies:
			err = w.pharmacies(ctx, p.pharmacies)
		}
		if err != nil {
			return err
		}
		if len(rep.Problems) > 0 || o.DryRun {
			return errRollback
		}
		if k == Citizens || k == MedicineHelp { // the report's medicine-help counts
			if err := data.RefreshHelpRollups(ctx, tx); err != nil {
				return err
			}
		}
		if k == Pharmacies { // reports name the pharmacies, their municipality and promise
			if err := data.BumpAllReportVersions(ctx, tx); err != nil {
				return err
			}
		}
		if o.claim != nil {
			return o.claim(ctx, tx)
		}
		return nil
	})
	byPlace(rep.Problems)
	byPlace(rep.Warnings)
	switch {
	case len(rep.Problems) > 0:
		rep.New, rep.Updated, rep.Unchanged = 0, 0, 0
		return rep, workflow.Invalid("err.import.problems", len(rep.Problems))
	case errors.Is(err, errRollback):
		return rep, nil
	case workflow.KindOf(err) != workflow.KindInternal:
		return rep, err
	case err != nil:
		return rep, fmt.Errorf("import %s: %w", k, err)
	}
	rep.Written = true
	return rep, nil
}

// writer does the database half of one import inside its transaction.
type writer struct {
	tx    bun.Tx
	actor workflow.Actor
	now   time.Time
	rep   *Report
}

// municipalities returns the set of known municipality codes.
func (w *writer) municipalities(ctx context.Context) (map[int]bool, error) {
	var codes []int
	if err := w.tx.NewSelect().Table("municipalities").Column("code").Scan(ctx, &codes); err != nil {
		return nil, fmt.Errorf("load municipalities: %w", err)
	}
	set := make(map[int]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set, nil
}

func (w *writer) checkMunicipality(known map[int]bool, c *rowCheck, code int) {
	if code != 0 && !known[code] {
		c.problem(ColMunicipality, c.cellOr(ColMunicipality, Options{Municipality: code}),
			because("err.import.municipality_unknown"))
	}
}

// logAccess writes one access-log row per citizen the import touched.
func (w *writer) logAccess(ctx context.Context, citizenIDs []string, what string) error {
	rows := make([]accessRow, len(citizenIDs))
	for i, id := range citizenIDs {
		rows[i] = accessRow{At: w.now, Actor: w.actor.UserID, ActorRole: string(w.actor.Role), CitizenID: id, What: what}
	}
	return insertBatches(ctx, w.tx, rows, "access log", "id")
}

// insertBatches inserts rows in batches, leaving out the excluded columns
// (an identity key).
func insertBatches[T any](ctx context.Context, tx bun.Tx, rows []T, what string, exclude ...string) error {
	for i := 0; i < len(rows); i += batch {
		chunk := rows[i:min(i+batch, len(rows))]
		q := tx.NewInsert().Model(&chunk)
		if len(exclude) > 0 {
			q = q.ExcludeColumn(exclude...)
		}
		if _, err := q.Exec(ctx); err != nil {
			return fmt.Errorf("insert %s: %w", what, err)
		}
	}
	return nil
}

// chunks splits keys into IN-list sized pieces.
func chunks(keys []string) [][]string {
	var out [][]string
	for i := 0; i < len(keys); i += batch {
		out = append(out, keys[i:min(i+batch, len(keys))])
	}
	return out
}

// bunIn wraps keys for an IN (?) list.
func bunIn(keys []string) any { return bun.List(keys) }

// byPlace sorts problems by line, then column (A before B before AA).
func byPlace(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if len(a.Cell) != len(b.Cell) {
			return len(a.Cell) < len(b.Cell)
		}
		return a.Cell < b.Cell
	})
}
