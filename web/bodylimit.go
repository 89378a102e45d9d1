package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
)

// formBodyLimit bounds a form's body: 1 MiB, except an import file's
// upload, which may hold imports.MaxUploadBytes and its form fields.
func formBodyLimit(r *http.Request) int64 {
	if r.URL.Path == importUploadPath {
		return imports.MaxUploadBytes + 64<<10
	}
	return 1 << 20
}

// parseBody reads the form (multipart too, files over 1 MiB to temporary
// files) under the body limit and says so when the body is over it, so a
// too-large upload gets its own message instead of a missing CSRF token.
func parseBody(w http.ResponseWriter, r *http.Request) error {
	limit := formBodyLimit(r)
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(1 << 20)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		if r.URL.Path == importUploadPath {
			// The limit the page states for the file: the body's own limit,
			// rounded up, said 9 MiB to someone whose 8.5 MiB file was refused.
			return workflow.Invalid("err.upload.import_too_large", imports.MaxUploadBytes>>20)
		}
		return workflow.Invalid("err.upload.body_too_large", (limit+(1<<20)-1)>>20)
	}
	return nil // any other parse error leaves the form empty: the CSRF check refuses it
}
