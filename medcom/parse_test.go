package medcom

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t *testing.T, name string) *Message {
	t.Helper()
	m, err := Parse(read(t, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// TestParseHospitalNotifications reads each example of the standard in XML
// and JSON; both must give the same message.
func TestParseHospitalNotifications(t *testing.T) {
	for _, tc := range []struct {
		file, header, activity string
		stay                   Stay
		variant                Variant
		event                  string
		deceased               bool
		refers                 []string
	}{
		{"hn-stin", "b9b4818e-02de-4cc4-b418-d20cbc7b5404", "admit-inpatient", StayAdmit, VariantNew, "2022-12-07T12:00:00+02:00", false, nil},
		{"hn-stin-ig", "b9b4818e-02de-4cc4-b418-d20cbc7b5404", "admit-inpatient", StayAdmit, VariantNew, "2022-12-07T12:00:00+02:00", false, nil},
		{"hn-stin-two-eoc", "1ca19ddf-31bc-4597-8739-968c38dd88f8", "admit-inpatient", StayAdmit, VariantNew, "2022-12-07T12:00:00+02:00", false, nil},
		{"hn-re-stin", "cc47c1e2-78e6-4291-b071-f423a4f7fbfe", "revise-admit-inpatient", StayAdmit, VariantRevise, "2022-12-07T13:00:00+02:00", false,
			[]string{"b9b4818e-02de-4cc4-b418-d20cbc7b5404"}},
		{"hn-an-stin", "d8749b54-1aeb-4089-8941-8d876bdffc51", "cancel-admit-inpatient", StayAdmit, VariantCancel, "2022-12-07T12:00:00+02:00", false,
			[]string{"b9b4818e-02de-4cc4-b418-d20cbc7b5404"}},
		{"hn-stor", "e563a2b2-bf92-4b13-bbd2-0a021a95bded", "start-leave-inpatient", StayStartLeave, VariantNew, "2022-12-13T14:00:10+02:00", false,
			[]string{"b9b4818e-02de-4cc4-b418-d20cbc7b5404"}},
		{"hn-slor", "f47254da-f170-46f0-b624-4778a9c92b1f", "end-leave-inpatient", StayEndLeave, VariantNew, "2022-12-14T15:30:00+02:00", false,
			[]string{"e563a2b2-bf92-4b13-bbd2-0a021a95bded"}},
		{"hn-slhj-imp", "g1affa53-c157-4080-abb0-8e681524f969", "discharge-inpatient-home", StayDischarge, VariantNew, "2022-12-18T09:45:30+02:00", false,
			[]string{"b9b4818e-02de-4cc4-b418-d20cbc7b5404"}},
		{"hn-staa", "i50fc5fe-2d11-4ef3-acac-2e2e5c6c0029", "admit-emergency", StayAdmit, VariantNew, "2022-12-01T10:00:04+02:00", false, nil},
		{"hn-slhj-emer", "m9bea09c-e662-4d59-b84f-9af570b57f42", "discharge-emergency-home", StayDischarge, VariantNew, "2022-12-02T22:00:09+02:00", false,
			[]string{"i50fc5fe-2d11-4ef3-acac-2e2e5c6c0029"}},
		// The standard's MORS examples carry the admission's activity code
		// with Encounter.status finished and Patient.deceased: the event time
		// is the end of the encounter, the death.
		{"hn-mors-imp", "hefc6d95-6161-4493-99c9-f359488dedb8", "admit-inpatient", StayAdmit, VariantNew, "2022-12-09T09:45:30+02:00", true,
			[]string{"b9b4818e-02de-4cc4-b418-d20cbc7b5404"}},
		{"hn-mors-emer", "", "admit-emergency", StayAdmit, VariantNew, "2022-12-02T07:00:00+02:00", true,
			[]string{"i50fc5fe-2d11-4ef3-acac-2e2e5c6c0029"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			x, j := mustParse(t, tc.file+".xml"), mustParse(t, tc.file+".json")
			if x.Format != XML || j.Format != JSON {
				t.Fatalf("formats %s %s", x.Format, j.Format)
			}
			j.Format = XML
			if !reflect.DeepEqual(x, j) {
				t.Fatalf("XML and JSON differ:\n%+v\n%+v", x, j)
			}
			hn := x.Notification
			if hn == nil || x.Communication != nil || x.Ack != nil {
				t.Fatalf("content: %+v", x)
			}
			if tc.header != "" && x.Header.ID != tc.header {
				t.Errorf("header %s, want %s", x.Header.ID, tc.header)
			}
			if hn.Activity.Code != tc.activity || hn.Activity.Stay != tc.stay || hn.Activity.Variant != tc.variant {
				t.Errorf("activity %+v", hn.Activity)
			}
			if got := hn.EventTime(); !got.Equal(at(tc.event)) {
				t.Errorf("event time %s, want %s", got, tc.event)
			}
			if x.Patient.CPR != "2509479989" || x.Patient.Family != "Elmer" || x.Patient.Deceased != tc.deceased {
				t.Errorf("patient %+v", x.Patient)
			}
			if !reflect.DeepEqual(x.Provenance.Refers, tc.refers) {
				t.Errorf("refers %v, want %v", x.Provenance.Refers, tc.refers)
			}
			if hn.EpisodeOfCare == "" || x.Header.Receiver.SOR != "953741000016009" || x.Header.Sender.SOR == "" {
				t.Errorf("episode %q receiver %+v sender %+v", hn.EpisodeOfCare, x.Header.Receiver, x.Header.Sender)
			}
		})
	}
}

func TestParseCareCommunicationAndAck(t *testing.T) {
	for _, f := range []string{".xml", ".json"} {
		m := mustParse(t, "cc-new"+f)
		c := m.Communication
		if c == nil || m.Provenance.Activity != ActivityNewMessage || c.Category != "examination-results" ||
			c.Topic != "Forspørgsel på seneste resultater" || len(c.Segments) != 1 || c.Segments[0].Author != "Michael Burns" ||
			!c.Segments[0].At.Equal(at("2024-05-01T12:00:00+02:00")) {
			t.Fatalf("new: %+v %+v", m, c)
		}
		r := mustParse(t, "cc-reply"+f)
		if r.Provenance.Activity != ActivityReplyMessage || len(r.Provenance.Refers) != 1 ||
			r.Provenance.Refers[0] != m.Header.ID || len(r.Communication.Segments) != 2 || r.Communication.Attachments != 1 ||
			r.Communication.Identifier != c.Identifier || !strings.HasPrefix(r.Communication.Segments[1].Text, "Hej Michael") {
			t.Fatalf("reply: %+v %+v", r.Provenance, r.Communication)
		}
		for name, code := range map[string]string{"ack-ok": AckOK, "ack-fatal": AckFatalError} {
			a := mustParse(t, name+f)
			if a.Ack == nil || a.Ack.Of != m.Header.ID || a.Ack.Code != code || a.Patient != nil {
				t.Fatalf("%s: %+v", name, a.Ack)
			}
			if code == AckFatalError && (len(a.Ack.Issues) != 1 || a.Ack.Issues[0] != "MSG_VALUESET_VALUE_UNKNOWN") {
				t.Errorf("%s issues %v", name, a.Ack.Issues)
			}
		}
	}
}

// TestParseRefuses: each broken message is refused with its problem code,
// a text in both languages naming the element, and, where the header was
// read, the partial message for the acknowledgement.
func TestParseRefuses(t *testing.T) {
	stin := string(read(t, "hn-stin.xml"))
	stinJSON := string(read(t, "hn-stin.json"))
	swap := func(s, old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	for _, tc := range []struct {
		name, in string
		code     ProblemCode
		path     string
		header   bool
	}{
		{"csv", "message_id;case;kind\nHN-1;x;admission\n", ProblemSyntax, "", false},
		{"empty", "", ProblemSyntax, "", false},
		{"broken xml", "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/>", ProblemSyntax, "", false},
		{"broken json", `{"resourceType": "Bundle", "type": `, ProblemSyntax, "", false},
		{"json array", `[1,2]`, ProblemSyntax, "", false},
		{"text in xml", `<Bundle xmlns="http://hl7.org/fhir"><type>message</type></Bundle>`, ProblemSyntax, "", false},
		{"patient, not bundle", `<Patient xmlns="http://hl7.org/fhir"><id value="p"/></Patient>`, ProblemNotBundle, "", false},
		{"collection", swap(stin, `<type value="message"/>`, `<type value="collection"/>`), ProblemNotMessage, "Bundle.type", true},
		{"no header", swap(stinJSON, `"resourceType": "MessageHeader"`, `"resourceType": "Basic"`), ProblemNoHeader, "Bundle.entry", false},
		{"bad header id", swap(stin, `<id value="b9b4818e-02de-4cc4-b418-d20cbc7b5404"/>`, `<id value="../../etc/passwd"/>`),
			ProblemBadValue, "MessageHeader.id", false},
		{"unknown event", swap(stin, `<code value="hospital-notification-message"/>`, `<code value="homecareobservation-message"/>`),
			ProblemUnknownEvent, "MessageHeader.eventCoding", true},
		{"unknown profile", swap(stinJSON, "medcom-hospitalNotification-message\"", "medcom-careCommunication-message\""),
			ProblemUnknownProfile, "Bundle.meta.profile", true},
		{"no patient", swap(swap(stin, "<Patient>", "<Basic>"), "</Patient>", "</Basic>"), ProblemNoPatient, "Bundle.entry", true},
		{"no cpr", swap(stin, "urn:oid:1.2.208.176.1.2", "urn:oid:1.2.208.176.1.9"), ProblemNoCPR, "Patient.identifier", true},
		{"bad cpr", swap(stin, `value="2509479989"`, `value="3102479989"`), ProblemNoCPR, "Patient.identifier", true},
		{"impossible time", swap(stin, "2022-12-07T12:00:00+02:00", "2022-02-30T12:00:00+02:00"), ProblemBadTime, "Encounter.period.start", true},
		{"time without zone", swap(stinJSON, `"start": "2022-12-07T12:00:00+02:00"`, `"start": "2022-12-07T12:00:00"`),
			ProblemBadTime, "Encounter.period.start", true},
		{"bad timestamp", swap(stin, "2022-12-07T12:00:01+02:00", "i går"), ProblemBadTime, "Bundle.timestamp", true},
		{"unknown activity", swap(stin, `<code value="admit-inpatient"/>`, `<code value="transfer-inpatient"/>`),
			ProblemUnknownActivity, "Provenance.activity", true},
		{"no episode", swap(stinJSON, `"value": "bd481c38-a921-11ed-afa1-0242ac120002"`, `"value": ""`),
			ProblemMissing, "Encounter.episodeOfCare.identifier", true},
		{"too large", "<" + strings.Repeat(" ", MaxMessageBytes), ProblemTooLarge, "", false},
		{"too deep", strings.Repeat(`{"a":`, 100) + strings.Repeat("}", 100), ProblemSyntax, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.in))
			p, ok := err.(*Problem)
			if !ok {
				t.Fatalf("error %v (%T), want *Problem", err, err)
			}
			if p.Code != tc.code || p.Path != tc.path || p.MsgDA == "" || p.MsgEN == "" || p.MsgDA == p.MsgEN {
				t.Fatalf("problem %+v, want code %s path %q", p, tc.code, tc.path)
			}
			if tc.path != "" && !strings.HasPrefix(p.MsgDA, tc.path) {
				t.Errorf("the text does not name the element: %s", p.MsgDA)
			}
			if tc.header != (m != nil && m.Header.ID != "") {
				t.Errorf("partial message %+v, want header read: %v", m, tc.header)
			}
			if strings.Contains(p.MsgDA, "2509479989") || strings.Contains(p.MsgDA, "3102479989") {
				t.Errorf("the problem shows a CPR number: %s", p.MsgDA)
			}
		})
	}
}

// BenchmarkParse reads the IG's rendering of STIN (with narratives) and the
// CareCommunication reply, in both formats.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"hn-stin-ig.xml", "hn-stin-ig.json", "cc-reply.xml", "cc-reply.json"} {
		raw := read(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
