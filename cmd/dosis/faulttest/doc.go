// Package faulttest kills the real dosis binary with SIGKILL in the middle of
// an import, a demo load and a report, then checks what it left behind: an
// intact SQLite database (PRAGMA integrity_check), whole transactions only
// (an import is all rows or none, a demo municipality all or nothing, every
// audit trail contiguous and ending in the case's state), no half-written
// report file in place, and a rerun of the same command that succeeds.
//
// The package holds tests only; see docs/reliability.md for the figures.
package faulttest
