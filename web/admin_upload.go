package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// uploadLimit is the largest settings file accepted (the request body is
// limited to 1 MiB by the middleware as well).
const uploadLimit = 512 << 10

// errUploadTooLarge refuses a settings file over uploadLimit, instead of
// reading the first part of it and failing on the cut-off text.
func errUploadTooLarge() error {
	return workflow.Invalid("err.upload.too_large_kib", uploadLimit>>10)
}

// uploadedText returns the uploaded file of the form field "file" when
// one was chosen, else the text of the field "text". Both forms work: a
// file upload (multipart) and pasted JSON.
func uploadedText(r *http.Request) (string, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(uploadLimit); err != nil {
			return "", err
		}
		f, _, err := r.FormFile("file")
		switch {
		case err == nil:
			defer f.Close()
			b, err := io.ReadAll(io.LimitReader(f, uploadLimit+1))
			if err != nil {
				return "", err
			}
			if len(b) > uploadLimit {
				return "", errUploadTooLarge()
			}
			if len(b) > 0 {
				return string(b), nil
			}
		case !errors.Is(err, http.ErrMissingFile):
			return "", err
		}
	}
	return strings.TrimSpace(r.PostFormValue("text")), nil
}
