package web

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// formFieldName names a form field in a refusal by its catalogue key;
// a field not listed is "et felt" / "a field" (an internal field name never
// reaches a screen).
func formFieldName(key string) i18n.Key {
	switch key {
	case "username":
		return "err.field.username"
	case "password":
		return "err.field.password"
	case "name", "giver_name":
		return "err.field.name"
	case "note":
		return "err.field.note"
	case "cpr":
		return "err.field.cpr"
	case "user":
		return "err.field.user"
	case "q":
		return "err.field.search"
	}
	return "err.field.unknown"
}

// checkFormText refuses a form whose values hold a NUL byte, another
// control character (tab and line breaks apart), invalid UTF-8 or more than
// workflow.MaxValueLength characters, before any handler sees it: the one
// text rule, workflow.CheckText, at the web's edge. The domain checks the
// stricter rules for names and notes again, for the CLI and imports too.
func checkFormText(r *http.Request) error { return checkValues(r.PostForm) }

// checkQueryText is checkFormText for the address's query, on every
// method: the GET links of the searches (the access log's user, the case
// list's name) reached the database with a NUL byte, which the SQL layer
// refuses, and answered 500 instead of 422.
func checkQueryText(r *http.Request) error { return checkValues(r.URL.Query()) }

func checkValues(vals url.Values) error {
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same field is named first every time
	for _, k := range keys {
		field := formFieldName(k)
		if err := workflow.CheckText(field, k, workflow.TextName); err != nil {
			return err
		}
		for _, v := range vals[k] {
			if err := workflow.CheckText(field, v, workflow.TextValue); err != nil {
				return err
			}
		}
	}
	return nil
}
