package imports

import "strconv"

// MaxSamples is how many rows of each outcome (new, updated, unchanged) a
// report shows as examples.
const MaxSamples = 10

// The outcomes of a row.
const (
	ActionNew       = "new"
	ActionUpdated   = "updated"
	ActionUnchanged = "unchanged"
)

// Sample is one row as the preview shows it: what the import does with it.
// Key is the row's key as it may be shown (a CPR number masked, a
// ydernummer, a pharmacy's name); Changes are the values an update changes.
type Sample struct {
	Line    int      `json:"line"`
	Action  string   `json:"action"`
	Key     string   `json:"key"`
	Name    string   `json:"name,omitempty"`
	Changes []Change `json:"changes,omitempty"`
}

// Change is one value an update changes, under the file's column name.
type Change struct {
	Column string `json:"column"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

// sample keeps the row as an example of its outcome while there are fewer
// than MaxSamples of it; changes is called only for a kept row.
func (w *writer) sample(c *rowCheck, action, key, name string, changes func() []Change) {
	n := 0
	for _, s := range w.rep.Samples {
		if s.Action == action {
			n++
		}
	}
	if n >= MaxSamples {
		return
	}
	sm := Sample{Line: c.r.Line, Action: action, Key: key, Name: name}
	if changes != nil {
		sm.Changes = changes()
	}
	w.rep.Samples = append(w.rep.Samples, sm)
}

// changes lists the pairs (column key, old, new) whose values differ,
// under the file's column names.
func (c *rowCheck) changes(pairs ...[3]string) []Change {
	var out []Change
	for _, p := range pairs {
		if p[1] != p[2] {
			out = append(out, Change{Column: c.l.name(p[0]), Old: p[1], New: p[2]})
		}
	}
	return out
}

func itoa(p *int) string {
	if p == nil || *p == 0 {
		return ""
	}
	return strconv.Itoa(*p)
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}
