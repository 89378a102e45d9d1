package web

import (
	"bytes"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// TestSessionCodecStable: one session encodes to the same bytes every
// time (scs's GobCodec gave several encodings, so unchanged sessions were
// rewritten), decodes to what was encoded, and a session stored by
// GobCodec before still decodes.
func TestSessionCodecStable(t *testing.T) {
	deadline := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC)
	values := map[string]any{sessionUserID: "u1", sessionCredentials: 3, sessionCSRF: "tok", "lang": "da"}
	first, err := sessionCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		b, err := sessionCodec{}.Encode(deadline, values)
		if err != nil || !bytes.Equal(b, first) {
			t.Fatalf("a second encoding of the same session differs (%v)", err)
		}
	}
	d, got, err := sessionCodec{}.Decode(first)
	if err != nil || !d.Equal(deadline) || len(got) != len(values) || got[sessionCredentials] != 3 || got[sessionUserID] != "u1" {
		t.Fatalf("decoded %v %v %v, want %v", d, got, err, values)
	}
	old, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	if d, got, err := (sessionCodec{}).Decode(old); err != nil || !d.Equal(deadline) || got[sessionCSRF] != "tok" {
		t.Errorf("a GobCodec session decoded as %v %v %v", d, got, err)
	}
}
