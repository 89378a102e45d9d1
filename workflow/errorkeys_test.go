package workflow_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// keyArg names the functions whose argument at the index is a catalogue
// key, with the values of its %-verbs after it. "workflow.X" is X called
// from outside the package or inside it.
var keyArg = map[string]int{
	"workflow.Invalid": 0, "workflow.NotFound": 0, "workflow.Forbidden": 0,
	"i18n.Key": 0, "data.notFound": 1, "web.formDate": 1, "imports.because": 0,
	"cpr.fail": 0, "medcom.problem": 3, "medcom.NewProblem": 3,
	"probs.add":              3,
	"eligibility.newProblem": 3, "ps.add": 3, "eligibility.keyed": 0, "eligibility.badValue": 0,
}

// noValues are the key-taking functions whose text takes no values.
var noValues = map[string]bool{"i18n.Key": true, "web.formDate": true}

// keyForwarders are the few functions that pass a key they were given on
// to a key-taking function: their own callers' keys are checked instead.
var keyForwarders = map[string]bool{"data/store.go notFound": true, "web/citizen_edit.go formDate": true,
	"workflow/errors.go NotFound": true, "workflow/errors.go Invalid": true,
	"workflow/errors.go Forbidden": true, "medcom/problem.go NewProblem": true,
	"eligibility/validate.go keyed": true, "eligibility/validate.go add": true,
	"eligibility/factparse.go Parse": true}

var keyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// TestErrorKeys keeps STYLE rule 13 for errors: every error text a user
// can see is in the catalogue under a key. It reads the repository's
// non-test Go files and fails when an error constructor (Invalid,
// NotFound, Forbidden, an Error or Guard literal, an assignment to a Key)
// gets inline text or a computed key instead of a key literal, when a key
// is missing from the catalogue or has an empty Danish or English side,
// when the two sides use different %-verbs, when a call passes another
// number of values than its text has verbs, when an i18n.Message is
// written with literal texts outside the catalogue, and when an err.* key
// of the catalogue is used nowhere.
func TestErrorKeys(t *testing.T) {
	root := ".."
	fset := token.NewFileSet()
	used := map[string]bool{}
	calls := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		c := &keyChecker{t: t, fset: fset, file: rel, pkg: f.Name.Name, used: used}
		calls += c.check(f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 300 {
		t.Fatalf("found only %d key uses; the scan is broken", calls)
	}
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "err.") && !used[k] {
			t.Errorf("the catalogue's key %s is used by no code; remove it", k)
		}
	}
}

type keyChecker struct {
	t    *testing.T
	fset *token.FileSet
	file string
	pkg  string
	used map[string]bool
}

func (c *keyChecker) errorf(n ast.Node, format string, args ...any) {
	c.t.Helper()
	c.t.Errorf("%s:%d: %s", c.file, c.fset.Position(n.Pos()).Line, fmt.Sprintf(format, args...))
}

// catalogue tells whether the file is one of the catalogue's own files,
// whose keys define a text rather than use it.
func (c *keyChecker) catalogue() bool { return strings.HasPrefix(c.file, "i18n/messages") }

// check checks one file and returns how many keys it uses.
func (c *keyChecker) check(f *ast.File) int {
	n := 0
	for _, decl := range f.Decls {
		fn, _ := decl.(*ast.FuncDecl)
		forwarder := fn != nil && keyForwarders[c.file+" "+fn.Name.Name]
		ast.Inspect(decl, func(node ast.Node) bool {
			switch x := node.(type) {
			case *ast.BasicLit:
				// Any err.* literal is a key: it must exist.
				if v, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING && strings.HasPrefix(v, "err.") && keyShape.MatchString(v) && !c.catalogue() {
					c.used[v] = true
					if _, ok := i18n.Lookup(v); !ok {
						c.errorf(x, "the key %q is not in the catalogue", v)
					}
				}
			case *ast.CallExpr:
				i, ok := keyArg[c.callee(x)]
				if !ok {
					return true
				}
				ki := i
				if ki >= len(x.Args) {
					return true
				}
				n++
				lit, ok := x.Args[ki].(*ast.BasicLit)
				if !ok {
					// "role."+string(r): a code's label, which TestKeysUsedExist
					// (package i18n) checks for every code of the prefix.
					if b, ok := x.Args[ki].(*ast.BinaryExpr); ok && c.src(b.X) == `"role."` {
						return true
					}
					if !forwarder {
						c.errorf(x, "%s is given %s instead of a key literal", c.callee(x), c.src(x.Args[ki]))
					}
					return true
				}
				nargs := -1 // unknown: args... passed on
				if !x.Ellipsis.IsValid() {
					nargs = len(x.Args) - ki - 1
				}
				if noValues[c.callee(x)] {
					nargs = 0
				}
				c.key(lit, nargs)
			case *ast.CompositeLit:
				n += c.literal(x, forwarder)
			case *ast.AssignStmt:
				for j, l := range x.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Key" && j < len(x.Rhs) {
						n++
						// Only a literal is checked: without types, x.Key = y may be
						// any struct's Key.
						lit, ok := x.Rhs[j].(*ast.BasicLit)
						if !ok || lit.Value == `""` {
							continue
						}
						nargs := 0
						if j+1 < len(x.Lhs) && j+1 < len(x.Rhs) {
							if s, ok := x.Lhs[j+1].(*ast.SelectorExpr); ok && s.Sel.Name == "Args" {
								nargs = elements(x.Rhs[j+1])
							}
						}
						c.key(lit, nargs)
					}
				}
			}
			return true
		})
	}
	return n
}

// literal checks an Error or Guard literal's Key and Args, and refuses an
// i18n.Message written with literal texts.
func (c *keyChecker) literal(x *ast.CompositeLit, forwarder bool) int {
	typ := c.src(x.Type)
	if typ == "i18n.Message" || (c.pkg == "i18n" && typ == "Message") {
		for _, el := range x.Elts {
			v := el
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				v = kv.Value
			}
			if _, ok := v.(*ast.BasicLit); ok && c.pkg != "i18n" {
				c.errorf(x, "an i18n.Message with inline text: put the text in the catalogue and use its key")
				return 0
			}
		}
		return 0
	}
	isError := typ == "workflow.Error" || typ == "workflow.Guard" || (c.pkg == "workflow" && (typ == "Error" || typ == "Guard"))
	if !isError && typ != "" {
		return 0
	}
	var key ast.Expr
	nargs := 0
	for _, el := range x.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch id, _ := kv.Key.(*ast.Ident); {
		case id == nil:
		case id.Name == "Key":
			key = kv.Value
		case id.Name == "Args":
			nargs = elements(kv.Value)
		}
	}
	if key == nil {
		if isError && len(x.Elts) > 0 && !slices.ContainsFunc(x.Elts, func(e ast.Expr) bool { _, ok := e.(*ast.KeyValueExpr); return ok }) {
			c.errorf(x, "%s literal without field names: write Key: \"err....\"", typ)
		}
		return 0
	}
	lit, ok := key.(*ast.BasicLit)
	if !ok {
		if s, ok := key.(*ast.SelectorExpr); !forwarder && (!ok || s.Sel.Name != "Key") { // copying another error's key is fine
			c.errorf(x, "a %s literal has the key %s instead of a key literal", typ, c.src(key))
		}
		return 1
	}
	c.key(lit, nargs)
	return 1
}

// elements is the number of values of an []any{...} literal, -1 when it
// is not one.
func elements(e ast.Expr) int {
	if cl, ok := e.(*ast.CompositeLit); ok {
		return len(cl.Elts)
	}
	return -1
}

// key checks a key literal: in the catalogue, both sides non-empty, the
// same verbs on both sides and nargs values for them (nargs < 0: unknown).
func (c *keyChecker) key(lit *ast.BasicLit, nargs int) {
	k, err := strconv.Unquote(lit.Value)
	if err != nil || !keyShape.MatchString(k) {
		c.errorf(lit, "%s is inline text, not a catalogue key", lit.Value)
		return
	}
	c.used[k] = true
	m, ok := i18n.Lookup(k)
	if !ok {
		c.errorf(lit, "the key %q is not in the catalogue", k)
		return
	}
	if strings.TrimSpace(m.DA) == "" || strings.TrimSpace(m.EN) == "" {
		c.errorf(lit, "the key %q has an empty Danish or English text", k)
	}
	want, err := verbArgs(m.DA, m.EN)
	if err != nil {
		c.errorf(lit, "the key %q: %v", k, err)
		return
	}
	if nargs >= 0 && nargs != want {
		c.errorf(lit, "the key %q has %d verbs but is given %d values", k, want, nargs)
	}
}

// verbArgs returns how many values the Danish and the English text take:
// the same number of verbs on both sides, or, when a side indexes its
// values (%[2]s: the languages need different values), every value used
// by one side at least.
func verbArgs(da, en string) (int, error) {
	dn, di, err := verbs(da)
	if err != nil {
		return 0, fmt.Errorf("Danish: %w", err)
	}
	enN, ei, err := verbs(en)
	if err != nil {
		return 0, fmt.Errorf("English: %w", err)
	}
	if !di && !ei {
		if len(dn) != len(enN) {
			return 0, fmt.Errorf("the Danish has %d verbs, the English %d", len(dn), len(enN))
		}
		return len(dn), nil
	}
	all := map[int]bool{}
	top := 0
	for _, i := range append(dn, enN...) {
		all[i] = true
		top = max(top, i)
	}
	for i := 1; i <= top; i++ {
		if !all[i] {
			return 0, fmt.Errorf("value %d is used by neither language", i)
		}
	}
	return top, nil
}

// verbs lists the value (1-based) each %-verb of format uses, and whether
// any is indexed explicitly.
func verbs(format string) ([]int, bool, error) {
	var out []int
	next, indexed := 1, false
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end < 0 {
				return nil, false, fmt.Errorf("unclosed index in %q", format)
			}
			n, err := strconv.Atoi(format[i+1 : i+end])
			if err != nil || n < 1 {
				return nil, false, fmt.Errorf("bad index in %q", format)
			}
			next, indexed, i = n, true, i+end+1
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i >= len(format) || !(format[i] >= 'a' && format[i] <= 'z' || format[i] >= 'A' && format[i] <= 'Z') {
			return nil, false, fmt.Errorf("a %% without a verb in %q (write %%%% for a percent sign)", format)
		}
		out = append(out, next)
		next++
	}
	return out, indexed, nil
}

// callee names a call's function as package.Name ("workflow.Invalid"),
// with the file's own package for an unqualified name.
func (c *keyChecker) callee(x *ast.CallExpr) string {
	switch fn := x.Fun.(type) {
	case *ast.SelectorExpr:
		if id, ok := fn.X.(*ast.Ident); ok {
			return id.Name + "." + fn.Sel.Name
		}
	case *ast.Ident:
		return c.pkg + "." + fn.Name
	}
	return ""
}

func (c *keyChecker) src(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	if bl, ok := e.(*ast.BasicLit); ok {
		return bl.Value
	}
	if s, ok := e.(*ast.SelectorExpr); ok {
		return c.src(s.X) + "." + s.Sel.Name
	}
	if e == nil {
		return ""
	}
	return fmt.Sprintf("an expression (%T)", e)
}
