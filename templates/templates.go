// Package templates holds the web application's HTML templates and its
// static files (CSS), embedded in the binary: nothing is read from disk or
// fetched from another host at run time. The web package registers every
// page and parses them all at start.
package templates

import (
	"embed"
	"io/fs"
)

//go:embed *.html static
var files embed.FS

// FS returns the embedded templates and the static/ directory.
func FS() fs.FS { return files }
