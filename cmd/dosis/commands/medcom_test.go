package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/medcom"
)

// brunoCase is an active case of the MedCom standard's test patient
// (CPR 2509479989), started on 28-11-2022.
func brunoCase(t *testing.T, r *cliRun) string {
	t.Helper()
	r.now = time.Date(2022, 11, 28, 7, 0, 0, 0, time.UTC)
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord", "--sor", "953741000016009", "--ean", "5790001348120")
	c, _ := startedCase(t, r, "250947-9989", "Bruno Test Elmer")
	return c
}

func copyFixture(t *testing.T, dir, name string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "medcom", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCLIMedcomReceiveFolder receives a folder holding a discharge and
// the admission before it (named so that file order is wrong): Bundle.timestamp
// order pauses then resumes; each message's acknowledgement is in the
// outbox in its format; a second run acknowledges again and changes nothing.
func TestCLIMedcomReceiveFolder(t *testing.T) {
	r := newCLI(t)
	c := brunoCase(t, r)
	in, out := t.TempDir(), t.TempDir()
	copyFixture(t, in, "hn-slhj-imp.json") // "hn-s..." sorts before nothing; timestamps decide
	copyFixture(t, in, "hn-stin.xml")
	copyFixture(t, in, "hn-stor.xml")
	r.now = time.Date(2022, 12, 20, 9, 0, 0, 0, time.UTC)
	got := r.ok("medcom", "receive", "--outbox", out, in)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "hn-stin.xml") || !strings.Contains(lines[1], "paused") ||
		!strings.Contains(lines[2], "hn-stor.xml") || !strings.Contains(lines[3], "resumed") {
		t.Fatalf("receive:\n%s", got)
	}
	acks, _ := filepath.Glob(filepath.Join(out, "ack-*"))
	if len(acks) != 3 {
		t.Fatalf("acknowledgements %v", acks)
	}
	formats := map[medcom.Format]int{}
	for _, a := range acks {
		b, _ := os.ReadFile(a)
		m, err := medcom.Parse(b)
		if err != nil || m.Ack == nil || m.Ack.Code != medcom.AckOK || !strings.HasSuffix(a, m.Format.Ext()) {
			t.Fatalf("%s: %v %+v", a, err, m)
		}
		formats[m.Format]++
	}
	if formats[medcom.XML] != 2 || formats[medcom.JSON] != 1 {
		t.Errorf("formats %v", formats)
	}
	if show := r.ok("case", "show", c); !strings.Contains(show, "active") {
		t.Errorf("case after discharge:\n%s", show)
	}
	again := r.ok("medcom", "receive", "--outbox", out, filepath.Join(in, "hn-stin.xml"))
	if !strings.Contains(again, "duplicate") {
		t.Errorf("second receive:\n%s", again)
	}
	log := r.ok("medcom", "log")
	if strings.Count(log, "\n") != 4 {
		t.Errorf("log:\n%s", log)
	}
}

// TestCLIMedcomReceiveRefuses: a broken message exits 2 with a fatal-error
// acknowledgement naming the problem; the CSV hospital import points a
// MedCom file here.
func TestCLIMedcomReceiveRefuses(t *testing.T) {
	r := newCLI(t)
	brunoCase(t, r)
	in, out := t.TempDir(), t.TempDir()
	bad := filepath.Join(in, "bad.xml")
	if err := os.WriteFile(bad, []byte(`<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/></Bundle>`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := r.run("medcom", "receive", "--outbox", out, bad)
	id := ""
	if code != ExitUsage || !strings.Contains(stdout, "refused") || !strings.Contains(errs, "1 of 1 messages refused") {
		t.Fatalf("exit %d\n%s%s", code, stdout, errs)
	}
	acks, _ := filepath.Glob(filepath.Join(out, "ack-*.xml"))
	b, _ := os.ReadFile(acks[0])
	m, err := medcom.Parse(b)
	if err != nil || m.Ack.Code != medcom.AckFatalError || !strings.Contains(m.Ack.Issues[0], "Bundle.type") {
		t.Fatalf("ack %v %+v", err, m)
	}
	// The raw file, with a terminal escape in it, is shown without the escape.
	esc := filepath.Join(in, "esc.xml")
	if err := os.WriteFile(esc, []byte("<Bundle \x1b[2J xmlns=\"http://hl7.org/fhir\"/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.now = r.now.Add(time.Minute)
	r.run("medcom", "receive", esc)
	for _, line := range strings.Split(r.ok("--json", "medcom", "log"), "\n") {
		if strings.Contains(line, `"ID"`) {
			id = strings.Trim(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), `"ID":`)), `",`)
			break
		}
	}
	if raw := r.ok("medcom", "log", "--raw", id); strings.Contains(raw, "\x1b") || !strings.Contains(raw, "\uFFFD[2J") {
		t.Errorf("raw output %q", raw)
	}
	copyFixture(t, in, "hn-stin.json")
	code, _, errs = r.run("hospital", "import", filepath.Join(in, "hn-stin.json"))
	if code != ExitUsage || !strings.Contains(errs, "dosis medcom receive") {
		t.Errorf("hospital import of a MedCom file: exit %d %s", code, errs)
	}
}

// TestCLIMedcomGPRequestAndReply: the request to the GP is written to the
// outbox as a CareCommunication to the clinic's SOR code; the clinic's reply
// that refers to it is attached to the case and puts "Lægen har svaret" on
// the nurse's worklist.
func TestCLIMedcomGPRequestAndReply(t *testing.T) {
	r := newCLI(t)
	r.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r.ok("db", "migrate")
	r.ok("gp", "add", "--ydernummer", "012345", "--name", "Lægehuset Nord", "--sor", "953741000016009")
	c := consentedCase(t, r, "010145-1236", "Karen Jensen")
	r.ok("case", "request-gp", c)
	out := t.TempDir()
	if code, _, errs := r.run("medcom", "send-gp-request", c, "--outbox", out); code != ExitUsage || !strings.Contains(errs, "MedCom sender") {
		t.Fatalf("without a sender: %d %s", code, errs)
	}
	r.ok("medcom", "sender", "--municipality", "851", "--sor", "265161000016000", "--ean", "5790000209354", "--name", "Aalborg Kommune, Sygeplejen")
	r.ok("medcom", "send-gp-request", c, "--outbox", out)
	sent, _ := filepath.Glob(filepath.Join(out, "carecommunication-*.xml"))
	if len(sent) != 1 {
		t.Fatalf("outbox %v", sent)
	}
	b, _ := os.ReadFile(sent[0])
	m, err := medcom.Parse(b)
	if err != nil || m.Header.Receiver.SOR != "953741000016009" || m.Header.Sender.SOR != "265161000016000" ||
		m.Patient.CPR != "0101451236" || !strings.Contains(m.Communication.Segments[0].Text, "Kommunens vurdering efter kriterierne: egnet") {
		t.Fatalf("sent %v %+v", err, m)
	}
	// The clinic's system acknowledges it: the sent message is acknowledged
	// and an acknowledgement is not acknowledged back.
	ack := medcom.AckFor(m, medcom.AckOK, nil, medcom.Options{Now: r.now})
	ackFile := filepath.Join(t.TempDir(), "ack.xml")
	if err := os.WriteFile(ackFile, ack.Body, 0o644); err != nil {
		t.Fatal(err)
	}
	acks := t.TempDir()
	r.ok("medcom", "receive", "--outbox", acks, ackFile)
	if log := r.ok("medcom", "log", "--direction", "out"); !strings.Contains(log, "acknowledged") {
		t.Errorf("after the acknowledgement:\n%s", log)
	}
	if files, _ := filepath.Glob(filepath.Join(acks, "*")); len(files) != 0 {
		t.Errorf("an acknowledgement was acknowledged: %v", files)
	}
	// The clinic replies (the standard's 2nd message, addressed to this request).
	reply, err := os.ReadFile(filepath.Join("..", "..", "..", "medcom", "testdata", "cc-reply.xml"))
	if err != nil {
		t.Fatal(err)
	}
	rs := strings.ReplaceAll(string(reply), "42cb9200-f421-4d08-8391-7d51a2503cb4", m.Header.ID)
	rs = strings.ReplaceAll(rs, "2509479989", "0101451236")
	in := filepath.Join(t.TempDir(), "reply.xml")
	if err := os.WriteFile(in, []byte(rs), 0o644); err != nil {
		t.Fatal(err)
	}
	r.now = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	got := r.ok("medcom", "receive", "--outbox", out, in)
	if !strings.Contains(got, c) || !strings.Contains(got, "recorded") {
		t.Fatalf("reply:\n%s", got)
	}
	if w := r.ok("worklist", "--role", "nurse", "--municipality", "851"); !strings.Contains(w, "Lægen har svaret") {
		t.Errorf("worklist:\n%s", w)
	}
	if log := r.ok("medcom", "log", "--direction", "out"); !strings.Contains(log, "replied") {
		t.Errorf("sent message status:\n%s", log)
	}
}
