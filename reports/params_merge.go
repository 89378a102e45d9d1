package reports

import (
	"maps"
	"slices"
	"strings"
)

// MergeParams merges two saves that started from the same version base:
// theirs (saved first, now in force) and mine. A field mine changed from
// base takes mine's entry; every other field keeps theirs. The fields both
// changed, to different entries, are returned as conflicts (in display
// order) and the merge is then not to be stored. So two administrators who
// edit two municipalities' values (or a national value and a municipality's)
// from the same page both keep their change.
func MergeParams(base, mine, theirs ParamsFile) (ParamsFile, []ParamChange) {
	b, m, t := base.Text(), mine.Text(), theirs.Text()
	merged := theirs.clone()
	var conflicts []string
	for _, f := range slices.SortedFunc(maps.Keys(union(b, m, t)), fieldOrder) {
		if m[f] == b[f] {
			continue // not changed by mine: theirs stands
		}
		if t[f] != b[f] && t[f] != m[f] {
			conflicts = append(conflicts, f)
			continue
		}
		merged.take(mine, f)
	}
	if len(conflicts) == 0 {
		return merged, nil
	}
	var out []ParamChange
	for _, c := range DiffParams(base, mine) {
		if slices.Contains(conflicts, c.Field) {
			out = append(out, c)
		}
	}
	return merged, out
}

// union is the set of fields any of ts sets.
func union(ts ...ParamsText) map[string]bool {
	out := map[string]bool{}
	for _, t := range ts {
		for f := range t {
			out[f] = true
		}
	}
	return out
}

// clone copies f so that take may change the copy's municipalities.
func (f ParamsFile) clone() ParamsFile {
	f.Municipalities = maps.Clone(f.Municipalities)
	return f
}

// take sets field (as named by Text) to from's entry, unsetting it when
// from has none; a municipality left with no value is dropped.
func (f *ParamsFile) take(from ParamsFile, field string) {
	switch {
	case field == "what_if_percent":
		f.WhatIfPercent = from.WhatIfPercent
	case field == "what_if_base":
		f.WhatIfBase = from.WhatIfBase
	case strings.HasPrefix(field, "default."):
		f.Default.Set(strings.TrimPrefix(field, "default."), from.Default.Get(strings.TrimPrefix(field, "default.")))
	case strings.HasPrefix(field, "municipalities."):
		code, key, ok := strings.Cut(strings.TrimPrefix(field, "municipalities."), ".")
		if !ok {
			return
		}
		mf := f.Municipalities[code]
		mf.Set(key, from.Municipalities[code].Get(key))
		if mf.Empty() {
			delete(f.Municipalities, code)
			return
		}
		if f.Municipalities == nil {
			f.Municipalities = map[string]ModelFile{}
		}
		f.Municipalities[code] = mf
	}
}
