package imports

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// Problem is a bad (or, as a warning, doubtful) value in one row.
type Problem struct {
	// Line is the file's line (CSV) or row (Excel), from 1; 0 for the file.
	Line int `json:"line"`
	// Column is the header as written in the file; Cell is the Excel-style
	// address of the value, e.g. "C4".
	Column string `json:"column"`
	Cell   string `json:"cell,omitempty"`
	// Value is the bad value as it may be shown or printed (shownValue):
	// a CPR column's value always masked, a CPR-like number in any other
	// column hidden. The value as typed never leaves the package.
	Value string `json:"value"`
	// ReasonDA and ReasonEN say what is wrong.
	ReasonDA string `json:"reason_da"`
	ReasonEN string `json:"reason_en"`
}

// Message returns the problem as one line in lang ("da" or "en").
func (p Problem) Message(lang i18n.Lang) string {
	if lang.English() {
		return fmt.Sprintf("line %d, column %s (%s): value %q %s", p.Line, p.Column, p.Cell, p.Value, p.ReasonEN)
	}
	return fmt.Sprintf("linje %d, kolonne %s (%s): værdien %q %s", p.Line, p.Column, p.Cell, p.Value, p.ReasonDA)
}

// Report is what an import did, or in a dry run would do.
type Report struct {
	Kind      Kind     `json:"kind"`
	Format    string   `json:"format"`
	Encoding  Encoding `json:"encoding"`
	Separator string   `json:"separator,omitempty"`
	Rows      int      `json:"rows"`
	New       int      `json:"new"`
	Updated   int      `json:"updated"`
	Unchanged int      `json:"unchanged"`
	DryRun    bool     `json:"dry_run"`
	// Written is true when the changes were committed.
	Written bool `json:"written"`
	// Ignored lists header columns the import does not know.
	Ignored  []string  `json:"ignored_columns,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
	Warnings []Problem `json:"warnings,omitempty"`
	// Samples are up to MaxSamples rows of each outcome, in file order.
	Samples []Sample `json:"samples,omitempty"`
}

// Summary is the one-line outcome, e.g. "0 new, 0 updated, 12 unchanged".
func (r *Report) Summary(lang i18n.Lang) string {
	if lang.English() {
		return fmt.Sprintf("%d new, %d updated, %d unchanged", r.New, r.Updated, r.Unchanged)
	}
	return fmt.Sprintf("%d nye, %d ændrede, %d uændrede", r.New, r.Updated, r.Unchanged)
}

// rowCheck collects the problems of one row.
type rowCheck struct {
	l   layout
	r   Row
	rep *Report
	bad bool
}

func (c *rowCheck) problem(key, value string, rs *reason) {
	c.bad = true
	c.rep.Problems = append(c.rep.Problems, c.at(key, value, rs))
}

func (c *rowCheck) warn(key, value string, rs *reason) {
	c.rep.Warnings = append(c.rep.Warnings, c.at(key, value, rs))
}

func (c *rowCheck) at(key, value string, rs *reason) Problem {
	cell := ""
	if l := c.l.letter(key); l != "" {
		cell = fmt.Sprintf("%s%d", l, c.r.Line)
	}
	return Problem{Line: c.r.Line, Column: c.l.name(key), Cell: cell, Value: shownValue(key, value),
		ReasonDA: rs.da, ReasonEN: rs.en}
}

// cprColumn tells whether a column holds CPR numbers.
func cprColumn(key string) bool { return key == ColCPR }

// shownValue is a cell's value as a problem shows it, on the web page, in
// the command line's errors and JSON and in logs alike: a CPR column's value
// is always masked (cpr.Mask: "DDMMYY-XXXX", or "XXXXXX-XXXX" for anything
// not ten digits), valid or not, since a mistyped CPR number is still
// personal data; elsewhere a CPR-like number is hidden (cpr.Redact).
func shownValue(key, value string) string {
	if cprColumn(key) {
		if strings.TrimSpace(value) == "" {
			return ""
		}
		return cpr.Mask(value)
	}
	return cpr.Redact(value)
}

// required returns the cell of a required column, reporting it when empty.
func (c *rowCheck) required(key string) string {
	v, _ := c.l.cell(c.r, key)
	if v == "" {
		c.problem(key, v, because("err.import.missing"))
	}
	return c.text(key, v)
}

// optional returns the cell and whether it holds a value.
func (c *rowCheck) optional(key string) (string, bool) {
	v, _ := c.l.cell(c.r, key)
	v = c.text(key, v)
	return v, strings.TrimSpace(v) != ""
}

// text reports a cell that breaks the one text rule (workflow.CheckText:
// no control character, at most a name's length) and returns it, or ""
// when it was refused.
func (c *rowCheck) text(key, v string) string {
	err := workflow.CheckText(i18n.Key("err.field.value"), v, workflow.TextName)
	var we *workflow.Error
	if errors.As(err, &we) {
		c.problem(key, workflow.Printable(v[:min(len(v), 80)]), &reason{
			strings.TrimPrefix(we.Message("da"), "værdien "), strings.TrimPrefix(we.Message("en"), "the value ")})
		return ""
	}
	return v
}
