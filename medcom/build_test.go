package medcom

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// seqIDs gives predictable ids.
func seqIDs() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
}

var buildNow = time.Date(2026, 3, 16, 17, 30, 0, 0, time.UTC)

// TestAckFor acknowledges a good and a broken message in each format and
// reads the acknowledgement back: same format, response.identifier the
// original MessageHeader id, the code, and the problem in the OperationOutcome.
func TestAckFor(t *testing.T) {
	for _, f := range []string{".xml", ".json"} {
		orig := mustParse(t, "hn-stin"+f)
		ok := AckFor(orig, AckOK, nil, Options{Now: buildNow, NewID: seqIDs()})
		a, err := Parse(ok.Body)
		if err != nil {
			t.Fatalf("ok ack does not parse: %v\n%s", err, ok.Body)
		}
		if a.Format != orig.Format || a.Ack.Of != orig.Header.ID || a.Ack.Code != AckOK || len(a.Ack.Issues) != 0 ||
			a.Header.ID != ok.HeaderID || a.Header.Sender != orig.Header.Receiver || a.Header.Receiver != orig.Header.Sender {
			t.Fatalf("ok ack %+v %+v", a.Header, a.Ack)
		}
		if strings.Contains(string(ok.Body), "OperationOutcome") {
			t.Errorf("an ok acknowledgement has an OperationOutcome")
		}
		if !strings.Contains(string(ok.Body), "2026-03-16T18:30:00+01:00") {
			t.Errorf("the timestamp is not Danish time:\n%s", ok.Body)
		}

		broken := strings.Replace(string(read(t, "hn-stin"+f)), "2509479989", "", 1)
		m, perr := Parse([]byte(broken))
		p, _ := perr.(*Problem)
		if p == nil || p.Code != ProblemNoCPR {
			t.Fatalf("broken: %v", perr)
		}
		fatal := AckFor(m, AckFatalError, p, Options{Now: buildNow})
		back, err := Parse(fatal.Body)
		if err != nil {
			t.Fatalf("fatal ack does not parse: %v\n%s", err, fatal.Body)
		}
		if back.Format != orig.Format || back.Ack.Of != orig.Header.ID || back.Ack.Code != AckFatalError ||
			len(back.Ack.Issues) != 1 || back.Ack.Issues[0] != p.MsgDA {
			t.Fatalf("fatal ack %+v", back.Ack)
		}
	}
	// Nothing readable: XML, and the zero id as no header id is known.
	_, perr := Parse([]byte("not a message"))
	nothing := AckFor(nil, AckFatalError, perr.(*Problem), Options{})
	back, err := Parse(nothing.Body)
	if err != nil || back.Format != XML || back.Ack.Of != "00000000-0000-0000-0000-000000000000" ||
		!strings.Contains(back.Ack.Issues[0], "hverken FHIR XML eller FHIR JSON") {
		t.Fatalf("ack of nothing: %v %+v", err, back)
	}
}

func draft() CareCommunicationDraft {
	return CareCommunicationDraft{
		Sender:   Organization{SOR: "1234561000016002", EAN: "5790000123452", Name: "Aalborg Kommune, Sygeplejen"},
		Receiver: Organization{SOR: "7654321000016001", EAN: "5790000654321", Name: "Lægehuset Nord"},
		Patient:  Patient{CPR: "0101451236", Given: "Karen", Family: "Jensen"},
		Category: "medicine", Topic: "Anmodning om dosisdispensering",
		Text:   "Kære læge\nVi anmoder om dosisdispensering <til> Karen & co.\x07",
		Author: "Sofie Nielsen", AuthorRole: "Sygeplejerske", AuthorPhone: "99312345",
	}
}

// TestBuildCareCommunication writes a new message and a reply in each
// format and reads them back with Parse.
func TestBuildCareCommunication(t *testing.T) {
	for _, f := range []Format{XML, JSON} {
		out, err := BuildCareCommunication(draft(), f, Options{Now: buildNow, NewID: seqIDs()})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(out.Body)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, out.Body)
		}
		c := m.Communication
		if m.Format != f || m.Header.ID != out.HeaderID || m.Provenance.Activity != ActivityNewMessage ||
			m.Patient.CPR != "0101451236" || m.Header.Receiver.SOR != "7654321000016001" || c.Category != "medicine" ||
			len(c.Segments) != 1 || c.Segments[0].Author != "Sofie Nielsen" || !c.Segments[0].At.Equal(buildNow) ||
			c.Segments[0].Text != "Kære læge\nVi anmoder om dosisdispensering <til> Karen & co." {
			t.Fatalf("%s: %+v %+v", f, m.Header, c)
		}
		d := draft()
		d.ReplyTo, d.Identifier = out.HeaderID, c.Identifier
		reply, err := BuildCareCommunication(d, f, Options{Now: buildNow})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(reply.Body)
		if err != nil || r.Provenance.Activity != ActivityReplyMessage || len(r.Provenance.Refers) != 1 ||
			r.Provenance.Refers[0] != out.HeaderID || r.Communication.Identifier != c.Identifier {
			t.Fatalf("%s reply: %v %+v", f, err, r)
		}
	}
	bad := draft()
	bad.Receiver = Organization{Name: "Ukendt"}
	if _, err := BuildCareCommunication(bad, XML, Options{}); err == nil || !strings.Contains(err.(*Problem).MsgDA, "modtagerens SOR-kode") {
		t.Errorf("a receiver without SOR/EAN: %v", err)
	}
}

func TestCheckSORAndEAN(t *testing.T) {
	for _, s := range []string{"953741000016009", "265161000016000", "123456"} {
		if p := CheckSOR(s); p != nil {
			t.Errorf("SOR %s: %v", s, p)
		}
	}
	for _, s := range []string{"", "12345", "9537410000160091234", "95374100001600x"} {
		if p := CheckSOR(s); p == nil {
			t.Errorf("SOR %q accepted", s)
		}
	}
	for _, s := range []string{"5790001348120", "5790000209354"} {
		if p := CheckEAN(s); p != nil {
			t.Errorf("EAN %s: %v", s, p)
		}
	}
	for _, s := range []string{"5790000123456", "579000012345", "57900001234567", "579000012345x"} {
		if p := CheckEAN(s); p == nil {
			t.Errorf("EAN %q accepted", s)
		}
	}
}
