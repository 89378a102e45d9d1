package workflow

import (
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/i18n"
)

// TestParseClosingDaysRefusesDaysThatDoNotExist: 31-02 and 31-04 are not
// days; 29-02 is (in leap years); the message names the value.
func TestParseClosingDaysRefusesDaysThatDoNotExist(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"24-12, 31-02", "lukkedag 31-02 findes ikke"},
		{"31-04", "lukkedag 31-04 findes ikke"},
		{"32-01", `lukkedag "32-01" skal skrives dd-mm`},
		{"abc", `lukkedag "abc" skal skrives dd-mm`},
		{"29-02, 05-06", ""},
	} {
		_, err := ParseClosingDays(c.in)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.want != "" && (err == nil || !strings.Contains(err.(*Error).Message(i18n.Danish), c.want)):
			t.Errorf("%q: want %q, got %v", c.in, c.want, err)
		}
	}
}
