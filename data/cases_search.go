package data

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/cpr"
	"github.com/uptrace/bun"
)

// MaxSearchLength bounds a search text, in characters.
const MaxSearchLength = 100

// CaseSearch is a parsed search for cases: a part of the citizen's name
// (any case, Danish letters included), a whole CPR number, or a birth date
// (the CPR number's first six digits).
type CaseSearch struct {
	// Name is the lower-cased part of a name to find ("" for none).
	Name string
	// CPR is a whole CPR number's ten digits, or a birth date's six.
	CPR string
}

// IsCPR reports whether the search is by CPR number or birth date, which
// must never travel in a URL.
func (s CaseSearch) IsCPR() bool { return s.CPR != "" }

// ParseCaseSearch reads what a person typed into the search field: digits
// (with an optional hyphen) are a CPR number (10 digits) or a birth date
// (6 digits, ddmmyy); anything else is part of a name.
func ParseCaseSearch(text string) (CaseSearch, error) {
	t := strings.TrimSpace(text)
	switch n := len([]rune(t)); {
	case n == 0:
		return CaseSearch{}, nil
	case n > MaxSearchLength:
		return CaseSearch{}, workflow.Invalid("err.search.too_long", n, MaxSearchLength)
	}
	if strings.ContainsFunc(t, unicode.IsControl) {
		return CaseSearch{}, workflow.Invalid("err.search.control_characters")
	}
	digits := strings.ReplaceAll(t, "-", "")
	if strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		switch len(digits) {
		case 10:
			n, err := cpr.Parse(digits)
			if err != nil {
				return CaseSearch{}, workflow.InvalidCPR(err)
			}
			return CaseSearch{CPR: n.Digits()}, nil
		case 6:
			return CaseSearch{CPR: digits}, nil
		}
		return CaseSearch{}, workflow.Invalid("err.search.not_cpr_or_birth", t)
	}
	return CaseSearch{Name: strings.ToLower(t)}, nil
}

// foldedName is the SQL expression of a citizen's name in lower case.
// PostgreSQL's lower() knows every letter; SQLite's only ASCII, so the
// Danish and other common accented capitals are lowered first.
func foldedName(pg bool) string {
	if pg {
		return "lower(ci.name)"
	}
	e := "ci.name"
	for _, p := range [][2]string{{"Æ", "æ"}, {"Ø", "ø"}, {"Å", "å"}, {"É", "é"}, {"Ü", "ü"}, {"Ö", "ö"}, {"Ä", "ä"}} {
		e = "replace(" + e + ", '" + p[0] + "', '" + p[1] + "')"
	}
	return "lower(" + e + ")"
}

func (s CaseSearch) where(q *bun.SelectQuery, pg bool) *bun.SelectQuery {
	switch {
	case len(s.CPR) == 10:
		return q.Where("ci.cpr = ?", s.CPR)
	case s.CPR != "":
		return q.Where("ci.cpr LIKE ?", s.CPR+"%")
	case s.Name != "":
		esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s.Name)
		return q.Where(foldedName(pg)+` LIKE ? ESCAPE '\'`, "%"+esc+"%")
	}
	return q
}

// CaseSorts lists the orders a case list can take: the newest change
// first (the default), the citizen's name, the state, the newest case.
func CaseSorts() []string { return []string{"updated", "name", "state", "opened"} }

func caseOrder(sort string) string {
	switch sort {
	case "name":
		return "ci.name, c.id"
	case "state":
		return "c.state, c.updated_at DESC, c.id"
	case "opened":
		return "c.opened_at DESC, c.id"
	}
	return "c.updated_at DESC, c.id"
}

// SearchCases is ListCases with the number of cases the filter matches in
// all (for paging). A search by CPR number or birth date is a lookup of
// personal data and is written to the access log.
func (db *DB) SearchCases(ctx context.Context, a workflow.Actor, f CaseFilter, now time.Time) ([]CaseListItem, int, error) {
	items, err := db.ListCases(ctx, a, f)
	if err != nil {
		return nil, 0, err
	}
	total := len(items) + f.Offset
	if f.Limit > 0 && (len(items) == f.Limit || f.Offset > 0) {
		q := db.bun.NewSelect().TableExpr("cases AS c").Join("JOIN citizens AS ci ON ci.id = c.citizen_id")
		n, err := scoped(filterCases(q, f, db.Postgres), a.Scope(), "c").Count(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("count cases: %w", err)
		}
		total = int(n)
	}
	if f.Search.IsCPR() {
		if len(items) == 0 {
			return items, 0, logAccess(ctx, db.bun, a, "", "case.search.cpr.miss", now)
		}
		for _, it := range items {
			if err := logAccess(ctx, db.bun, a, it.CitizenID, "case.search.cpr", now); err != nil {
				return nil, 0, err
			}
		}
	}
	return items, total, nil
}
