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
		return workflow.Invalidf("det sendte er større end %d MiB", "what was sent is larger than %d MiB", (limit+(1<<20)-1)>>20)
	}
	return nil // any other parse error leaves the form empty: the CSRF check refuses it
}
