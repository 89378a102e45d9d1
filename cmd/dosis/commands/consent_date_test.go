package commands

import (
	"strings"
	"testing"
	"time"
)

// TestCLIConsentDefaultsToDanishToday: without --date the consent is
// dated the Danish today, not the machine's (UTC) day, at 00:30 Danish
// time in winter and in summer.
func TestCLIConsentDefaultsToDanishToday(t *testing.T) {
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), "on 01-01-2027"}, // 00:30 CET
		{time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), "on 01-07-2026"},  // 00:30 CEST
		{time.Date(2026, 6, 30, 21, 30, 0, 0, time.UTC), "on 30-06-2026"},  // 23:30 CEST
	} {
		r := newCLI(t)
		r.now = tc.now
		r.ok("db", "migrate")
		r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord")
		citizen := r.jsonID("citizen", "add", "--cpr", "010145-1236", "--name", "Karen Jensen", "--municipality", "851",
			"--gp", "012345", "--medicine-help")
		c := r.jsonID("case", "open", "--citizen", citizen)
		r.ok("case", "assess", c, "--fact", "receives_medicine_help=true", "--fact", "months_without_change=6",
			"--fact", "no_change_expected=true", "--fact", "packable_medicine_count=5", "--fact", "can_handle_roll=true")
		r.ok("case", "consent", c, "--method", "written")
		if show := r.ok("case", "show", c); !strings.Contains(show, "consent written by citizen "+tc.want) {
			t.Errorf("now %v: the default consent date should be the Danish today (%s):\n%s", tc.now, tc.want, show)
		}
	}
}
