package web

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/dosis-dk/dosis/workflow"
)

// formFieldName names a form field in a refusal, in Danish and English;
// a field not listed is "et felt" / "a field" (an internal field name never
// reaches a screen).
func formFieldName(key string) (string, string) {
	switch key {
	case "username":
		return "brugernavnet", "the username"
	case "password":
		return "adgangskoden", "the password"
	case "name", "giver_name":
		return "navnet", "the name"
	case "note":
		return "noten", "the note"
	case "cpr":
		return "CPR-nummeret", "the CPR number"
	case "user":
		return "brugeren", "the user"
	case "q":
		return "søgningen", "the search"
	}
	return "et felt", "a field"
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
		da, en := formFieldName(k)
		if err := workflow.CheckText(da, en, k, workflow.TextName); err != nil {
			return err
		}
		for _, v := range vals[k] {
			if err := workflow.CheckText(da, en, v, workflow.TextValue); err != nil {
				return err
			}
		}
	}
	return nil
}
