package web_test

import (
	"cmp"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// form is one <form method="post"> found on a page: its action and its
// fields with their default values; Text lists the free-text fields (text
// inputs without a fixed format, textareas).
type form struct {
	Action string
	Values url.Values
	Text   []string
}

var (
	formRE     = regexp.MustCompile(`(?s)<form([^>]*)>(.*?)</form>`)
	inputRE    = regexp.MustCompile(`<input[^>]*>`)
	selectRE   = regexp.MustCompile(`(?s)<select([^>]*)>(.*?)</select>`)
	optionRE   = regexp.MustCompile(`<option([^>]*)>`)
	textareaRE = regexp.MustCompile(`(?s)<textarea([^>]*)>(.*?)</textarea>`)
	hrefRE     = regexp.MustCompile(`href="(/[^"]*)"`)
)

// attr returns the value of attribute name in a tag, unescaped.
func attr(tag, name string) (string, bool) {
	m := regexp.MustCompile(`\s` + name + `(?:="([^"]*)")?[\s>/]`).FindStringSubmatch(tag + ">")
	if m == nil {
		return "", false
	}
	return html.UnescapeString(m[1]), true
}

// postForms returns the POST forms of a page.
func postForms(body string) []form {
	var out []form
	for _, m := range formRE.FindAllStringSubmatch(body, -1) {
		if method, _ := attr(m[1], "method"); !strings.EqualFold(method, "post") {
			continue
		}
		if enc, _ := attr(m[1], "enctype"); enc == "multipart/form-data" {
			continue // file uploads: admin rule sets and parameters, tested by their own loaders' fuzzing
		}
		action, _ := attr(m[1], "action")
		f := form{Action: action, Values: url.Values{}}
		for _, in := range inputRE.FindAllString(m[2], -1) {
			name, _ := attr(in, "name")
			if name == "" {
				continue
			}
			typ, _ := attr(in, "type")
			val, _ := attr(in, "value")
			switch typ {
			case "checkbox", "radio":
				if _, on := attr(in, "checked"); on && !f.Values.Has(name) {
					f.Values.Set(name, cmp.Or(val, "on"))
				}
			case "", "text", "search":
				_, pattern := attr(in, "pattern")
				if !pattern && name != "csrf_token" {
					f.Text = append(f.Text, name)
				}
				f.Values.Set(name, val)
			default:
				f.Values.Set(name, val)
			}
		}
		for _, s := range selectRE.FindAllStringSubmatch(m[2], -1) {
			name, _ := attr(s[1], "name")
			var first, chosen string
			for _, o := range optionRE.FindAllStringSubmatch(s[2], -1) {
				v, _ := attr(o[1], "value")
				if first == "" {
					first = v
				}
				if _, sel := attr(o[1], "selected"); sel {
					chosen = v
				}
			}
			if chosen == "" {
				chosen = first
			}
			f.Values.Set(name, chosen)
		}
		for _, ta := range textareaRE.FindAllStringSubmatch(m[2], -1) {
			name, _ := attr(ta[1], "name")
			f.Values.Set(name, html.UnescapeString(ta[2]))
			f.Text = append(f.Text, name)
		}
		out = append(out, f)
	}
	return out
}

// crawl GETs every local link reachable from start as c's user (not
// following logout, static files or downloads) and calls visit with each
// page; it returns every URL requested and every redirect target seen.
func crawl(c *client, start []string, visit func(path string, status int, body string)) []string {
	c.t.Helper()
	seen := map[string]bool{}
	queue := append([]string(nil), start...)
	var urls []string
	for len(queue) > 0 && len(seen) < 400 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] || strings.HasPrefix(p, "/static/") || strings.Contains(p, "download") ||
			strings.HasSuffix(p, ".xlsx") || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".csv") {
			continue
		}
		seen[p] = true
		urls = append(urls, p)
		res, err := c.http.Get(c.base + p)
		if err != nil {
			c.t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		body := string(raw)
		if loc := res.Header.Get("Location"); loc != "" {
			urls = append(urls, loc)
		}
		visit(p, res.StatusCode, body)
		if res.StatusCode != http.StatusOK {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
			queue = append(queue, html.UnescapeString(m[1]))
		}
	}
	return urls
}
