package data

import (
	"context"
	"fmt"
	"slices"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

// People resolves the actor ids of the rows a page shows to the users they
// are now (name, role, pharmacy), in one query whatever the number of
// rows: audit rows keep the id they were written with. Ids that are not
// users (the command line, a MedCom token) and ids no user has are left
// out; workflow.People.Who names those.
func (db *DB) People(ctx context.Context, ids []string) (workflow.People, error) {
	out := workflow.People{}
	var want []string
	for _, id := range ids {
		if workflow.IsUserID(id) {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if len(want) == 0 {
		return out, nil
	}
	var rows []struct {
		Username string  `bun:"username"`
		Name     string  `bun:"name"`
		Role     string  `bun:"role"`
		Pharmacy *string `bun:"pharmacy"`
	}
	err := db.bun.NewSelect().TableExpr("users AS u").
		ColumnExpr("u.username, u.name, u.role, p.name AS pharmacy").
		Join("LEFT JOIN pharmacies AS p ON p.id = u.pharmacy_id").
		Where("u.username IN (?)", bun.List(want)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	for _, r := range rows {
		out[r.Username] = workflow.Person{Name: r.Name, Role: workflow.Role(r.Role), Pharmacy: deref(r.Pharmacy)}
	}
	return out, nil
}
