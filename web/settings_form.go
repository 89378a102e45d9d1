package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/dosis-dk/dosis/workflow"
)

// formBase reads the version a settings form was shown with (field
// "base"), for the optimistic check of data's settings savers.
func formBase(r *http.Request) (int64, error) {
	base, err := strconv.ParseInt(r.PostFormValue("base"), 10, 64)
	if err != nil || base < 0 {
		return 0, workflow.Invalid("err.setting.form_no_version")
	}
	return base, nil
}

// errTooManyFields refuses a settings form with more fields than any real
// one has.
func errTooManyFields() error {
	return workflow.Invalid("err.setting.form_too_many_fields")
}

// jsonBody writes a setting as the indented JSON it is stored and
// downloaded as.
func jsonBody(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }
