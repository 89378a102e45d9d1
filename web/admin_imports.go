package web

import (
	"errors"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

func errNoImportFile() error {
	return workflow.Invalid("err.upload.choose_import_file")
}

// importUploadPath is where the import form posts its file (the one route
// whose body may be larger than 1 MiB: formBodyLimit).
const importUploadPath = "/admin/imports"

// importsPage is the import form, a dry-run preview, or a commit's result.
type importsPage struct {
	Kinds          []imports.Kind
	Municipalities []data.Municipality
	// Report is the preview's or the commit's; Upload the kept file
	// (Token empty when the file had bad rows and was not kept).
	Report *imports.Report
	Upload imports.Upload
	// Committed: Report is what the commit wrote.
	Committed bool
}

// ImportColumns lists a kind's columns for the form's help: the first
// header name and whether it is required.
func (importsPage) ImportColumns(k imports.Kind) []imports.Column { return imports.Columns(k) }

func (app *App) importsView(r *http.Request, rq *Request) (View, importsPage, error) {
	p := importsPage{Kinds: imports.Kinds()}
	var err error
	if p.Municipalities, err = app.db.Municipalities(r.Context()); err != nil {
		return View{}, p, err
	}
	return View{Title: app.msgs.get(rq.Lang, "imports.title"), Data: p}, p, nil
}

// adminImports shows the upload form.
func (app *App) adminImports(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, _, err := app.importsView(r, rq)
	if err != nil {
		return err
	}
	return app.page(w, r, rq, "admin_imports", v)
}

// adminImportPreview checks the uploaded file as a dry run and shows what
// it would change and every bad row; a file without bad rows is kept
// server-side (imports.Preview) for the commit button.
func (app *App) adminImportPreview(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, p, err := app.importsView(r, rq)
	if err != nil {
		return err
	}
	name, b, err := importFile(r)
	var k imports.Kind
	if err == nil {
		k, err = imports.ParseKind(r.PostFormValue("kind"))
	}
	mun := 0
	if v := strings.TrimSpace(r.PostFormValue("municipality")); err == nil && v != "" {
		if mun, err = strconv.Atoi(v); err != nil {
			err = workflow.Invalid("err.upload.municipality_not_code", v)
		}
	}
	if err == nil {
		p.Report, p.Upload, err = imports.Preview(r.Context(), app.db, rq.Actor, k, name, b,
			imports.Options{Municipality: mun, Now: rq.Now})
	}
	v.Data = p
	if err != nil {
		// A file with bad rows comes back with its report (every problem).
		return refuse(err, "admin_imports", "upload", r, v)
	}
	return app.page(w, r, rq, "admin_imports", v)
}

// adminImportCommit imports the kept file of the preview, checked by its
// hash, in one transaction.
func (app *App) adminImportCommit(w http.ResponseWriter, r *http.Request, rq *Request) error {
	v, p, err := app.importsView(r, rq)
	if err != nil {
		return err
	}
	p.Report, p.Upload, err = imports.Commit(r.Context(), app.db, rq.Actor, r.PostFormValue("token"), r.PostFormValue("sha256"), rq.Now)
	p.Upload.Token, p.Committed = "", err == nil
	v.Data = p
	if err != nil {
		return refuse(err, "admin_imports", "upload", r, v)
	}
	return app.page(w, r, rq, "admin_imports", v)
}

// importFile reads the form's file, at most imports.MaxUploadBytes.
func importFile(r *http.Request) (string, []byte, error) {
	f, h, err := r.FormFile("file")
	if err != nil {
		if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
			return "", nil, errNoImportFile()
		}
		return "", nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, imports.MaxUploadBytes+1))
	if err != nil {
		return "", nil, err
	}
	if len(b) == 0 {
		return "", nil, errNoImportFile()
	}
	// The name is only shown back: its last element, printable, bounded.
	name := workflow.Printable(path.Base(strings.ReplaceAll(h.Filename, `\`, "/")))
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100]) + "…"
	}
	return name, b, nil
}

// ProblemText is a problem in the page's language.
func (v View) ProblemText(p imports.Problem) string {
	if v.lang().English() {
		return p.ReasonEN
	}
	return p.ReasonDA
}

// ProblemValue is a bad value as the page shows it: the imports' shown
// form (a CPR column's value always masked, a CPR-like number elsewhere
// hidden: imports.Problem.Value).
func (v View) ProblemValue(p imports.Problem) string { return p.Value }

// ImportSummary is "3 nye, 1 ændret, 8 uændrede" for the report.
func (v View) ImportSummary(rep *imports.Report) string { return rep.Summary(v.lang()) }

// KindLabel names a kind of import in the page's language.
func (v View) KindLabel(k imports.Kind) string { return k.Label(v.lang() == i18n.English) }
