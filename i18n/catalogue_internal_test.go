package i18n

import "testing"

// TestNoKeyDefinedTwice: each key is defined in one catalogue file only,
// so one area's text never silently replaces another's.
func TestNoKeyDefinedTwice(t *testing.T) {
	seen := map[string]int{}
	for i, c := range append([]Catalogue{commonMessages()}, areaCatalogues()...) {
		for k := range c {
			if j, ok := seen[k]; ok {
				t.Errorf("key %q is defined in catalogue %d and in catalogue %d (see areaCatalogues)", k, j, i)
			}
			seen[k] = i
		}
	}
}
