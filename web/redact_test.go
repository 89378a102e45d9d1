package web

import "testing"

// TestRedactCPR checks that CPR-like numbers, with or without the dash,
// never reach a log line or a message unmasked.
func TestRedactCPR(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"with dash", "cpr 010190-1234 findes ikke", "cpr XXXXXX-XXXX findes ikke"},
		{"without dash", "lookup 0101901234 failed", "lookup XXXXXX-XXXX failed"},
		{"two numbers", "0101901234/0202902345", "XXXXXX-XXXX/XXXXXX-XXXX"},
		{"with a space", "cpr 010190 1234 findes ikke", "cpr XXXXXX-XXXX findes ikke"},
		{"with an en dash", "cpr 010190–1234 findes ikke", "cpr XXXXXX-XXXX findes ikke"},
		{"short number kept", "case 12345 not found", "case 12345 not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := redactCPR(tc.in); got != tc.want {
				t.Errorf("redactCPR(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
