// Package data stores Dosis's records with bun on embedded SQLite (the
// default, pure Go) or PostgreSQL, and implements the storage interfaces the
// domain packages define (workflow.Store and friends). It is the only package
// that imports bun or a database driver.
package data
