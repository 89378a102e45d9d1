package web

import (
	"testing"

	"github.com/dosis-dk/dosis/data"
)

// TestAccessPaging: which page links a page of the access log gets.
func TestAccessPaging(t *testing.T) {
	page := func(ids ...int64) []data.AccessEntry {
		var es []data.AccessEntry
		for _, id := range ids {
			es = append(es, data.AccessEntry{ID: id})
		}
		return es
	}
	for _, tt := range []struct {
		name         string
		es           []data.AccessEntry
		f            data.AccessFilter
		older, newer int64
	}{
		{"first page, full", page(9, 8, 7), data.AccessFilter{Limit: 3}, 7, 0},
		{"first page, all of it", page(9, 8), data.AccessFilter{Limit: 3}, 0, 0},
		{"turned back, full", page(6, 5, 4), data.AccessFilter{Limit: 3, Before: 7}, 4, 6},
		{"turned back, the last", page(3), data.AccessFilter{Limit: 3, Before: 4}, 0, 3},
		{"turned forward, full", page(6, 5, 4), data.AccessFilter{Limit: 3, After: 3}, 4, 6},
		{"turned forward to the newest", page(9, 8), data.AccessFilter{Limit: 3, After: 7}, 8, 0},
		{"nothing", nil, data.AccessFilter{Limit: 3, After: 9}, 0, 0},
	} {
		p := accessPaging(tt.es, tt.f)
		if p.Older != tt.older || p.Newer != tt.newer {
			t.Errorf("%s: older %d newer %d, want %d %d", tt.name, p.Older, p.Newer, tt.older, tt.newer)
		}
	}
}
