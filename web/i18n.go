package web

import (
	"net/http"

	"github.com/dosis-dk/dosis/i18n"
)

// catalogue gives the web application the texts of the one message
// catalogue (package i18n); it holds nothing itself.
type catalogue struct{}

// get returns the text for key in lang (i18n.T).
func (catalogue) get(lang i18n.Lang, key string) string { return i18n.T(lang, key) }

// newCatalogue returns the web's view of the message catalogue.
func newCatalogue() catalogue { return catalogue{} }

// langOf reads the language cookie: English or Danish by default.
func langOf(r *http.Request) i18n.Lang {
	if c, err := r.Cookie("lang"); err == nil {
		return i18n.ParseLang(c.Value)
	}
	return i18n.Danish
}
