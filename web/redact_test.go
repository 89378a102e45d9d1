package web

import "testing"

// TestRedactCPR checks that CPR-like numbers, with or without the dash,
// never reach a log line or a message unmasked.
func TestRedactCPR(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"with dash", "cpr 010190-1234 findes ikke", "cpr xxxxxx-xxxx findes ikke"},
		{"without dash", "lookup 0101901234 failed", "lookup xxxxxx-xxxx failed"},
		{"two numbers", "0101901234/0202902345", "xxxxxx-xxxx/xxxxxx-xxxx"},
		{"short number kept", "case 12345 not found", "case 12345 not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := redactCPR(tc.in); got != tc.want {
				t.Errorf("redactCPR(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
