package calendar_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dayName matches names that say a value is a day: a date, a day, a
// deadline, an expiry, a birth date, something given "on" a day, today,
// and the From/To of a period.
var dayName = regexp.MustCompile(`(?i:date|day|deadline|expires|expiry|birth)$|[a-z]On$|^(on|today|from|to|From|To)$`)

// instants are the time.Time names (file:name) that match dayName but
// hold instants: a session's expiry and the clock times of a demo pause.
var instants = map[string]bool{
	"data/sessions.go:Expiry": true, "data/sessions.go:expiry": true,
	"data/demo/builder.go:from": true, "data/demo/builder.go:to": true,
}

// TestNoCivilDateAsTime fails when a struct field or a function parameter
// or result of type time.Time (or *time.Time) in workflow, reports, data
// or web is named like a day: days are calendar.Date.
func TestNoCivilDateAsTime(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, dir := range []string{"workflow", "reports", "data", "web"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			check := func(fields *ast.FieldList, what string) {
				if fields == nil {
					return
				}
				for _, fld := range fields.List {
					if !isTime(fld.Type) {
						continue
					}
					for _, n := range fld.Names {
						rel, _ := filepath.Rel(root, path)
						if dayName.MatchString(n.Name) && !instants[filepath.ToSlash(rel)+":"+n.Name] {
							t.Errorf("%s: %s %s is a time.Time but named like a day; use calendar.Date",
								fset.Position(n.Pos()), what, n.Name)
						}
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.StructType:
					check(x.Fields, "field")
				case *ast.FuncType:
					check(x.Params, "parameter")
					check(x.Results, "result")
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func isTime(e ast.Expr) bool {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "time" && sel.Sel.Name == "Time"
}
