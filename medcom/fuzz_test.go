package medcom

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse. It must not panic; it either
// refuses with a *Problem whose texts are set in both languages, or gives a
// message with a header id and exactly one content, and every result can be
// acknowledged in a message that itself parses. More seeds are committed in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{"", "<", "{", `{"resourceType":"Bundle","type":"message","entry":[{"resource":{"resourceType":"MessageHeader","id":"x"}}]}`,
		`<Bundle xmlns="http://hl7.org/fhir"><entry><resource/></entry></Bundle>`, `{"entry":[[]]}`, "\"", "message_id;case\n\"HN"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkParsed(t, b) })
}

// checkParsed parses b: it must refuse with a *Problem whose texts are set
// in both languages, or give a message with a header id and exactly one
// content; either can be acknowledged in a message that itself parses. It
// reports with Errorf, so it may run in a goroutine.
func checkParsed(t testing.TB, b []byte) {
	m, err := Parse(b)
	var prob *Problem
	if err != nil {
		p, ok := err.(*Problem)
		if !ok || p.MsgDA == "" || p.MsgEN == "" {
			t.Errorf("not a clear problem: %#v", err)
			return
		}
		prob = p
	} else {
		n := 0
		for _, set := range []bool{m.Notification != nil, m.Communication != nil, m.Ack != nil} {
			if set {
				n++
			}
		}
		if m.Header.ID == "" || n != 1 {
			t.Errorf("accepted without header id or with %d contents: %+v", n, m)
			return
		}
	}
	code := AckOK
	if prob != nil {
		code = AckFatalError
	}
	ack := AckFor(m, code, prob, Options{Now: time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC)})
	if _, err := Parse(ack.Body); err != nil {
		t.Errorf("the acknowledgement does not parse: %v\n%s", err, ack.Body)
	}
}
