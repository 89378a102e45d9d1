package medcom

import (
	"html"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// CareCommunicationDraft is a CareCommunication for Dosis to send.
type CareCommunicationDraft struct {
	// Sender is the municipality's unit; Receiver the GP's clinic.
	Sender, Receiver Organization
	Patient          Patient
	// Category is a code of medcom-careCommunication-categoryCodes
	// (Dosis uses "medicine").
	Category string
	Topic    string
	Text     string
	// Author, AuthorRole and AuthorPhone name who wrote the text.
	Author, AuthorRole, AuthorPhone string
	// Identifier is Communication.identifier; a reply keeps the thread's.
	// Empty: a new one.
	Identifier string
	// ReplyTo is the MessageHeader id of the message replied to (empty for
	// a new message).
	ReplyTo string
}

// Validate checks what MedCom requires of the draft: sender and receiver
// with a SOR code, a patient CPR number, a category and a text.
func (d CareCommunicationDraft) Validate() error {
	switch {
	case d.Sender.SOR == "":
		return problem(ProblemMissing, "MessageHeader.sender", "", "err.medcom.sender_sor_missing")
	case d.Receiver.SOR == "" && d.Receiver.EAN == "":
		return problem(ProblemMissing, "MessageHeader.destination.receiver", "",
			"err.medcom.receiver_missing")
	case d.Patient.CPR == "":
		return problem(ProblemNoCPR, "Patient.identifier", "", "err.medcom.patient_cpr_missing")
	case d.Category == "":
		return missing("Communication.category")
	case strings.TrimSpace(d.Text) == "":
		return missing("Communication.payload.contentString")
	}
	return nil
}

// BuildCareCommunication writes the draft as a CareCommunication message
// (profile 5.0) in format f.
func BuildCareCommunication(d CareCommunicationDraft, f Format, o Options) (Outgoing, error) {
	d.Text, d.Topic, d.Author = cleanText(d.Text), cleanText(d.Topic), cleanText(d.Author)
	if err := d.Validate(); err != nil {
		return Outgoing{}, err
	}
	now := o.now()
	out := Outgoing{HeaderID: o.id(), BundleID: o.id(), Format: f}
	senderID, receiverID, patientID, commID := o.id(), o.id(), o.id(), o.id()
	roleID, practID, segID := o.id(), o.id(), o.id()
	if d.Identifier == "" {
		d.Identifier = "urn:uuid:" + o.id()
	}
	b := newBundle(out.BundleID, ProfileCareCommunication, now)
	h := header(out.HeaderID, profileCCHeader, EventCareCommunication, "Organization/"+receiverID,
		"Organization/"+senderID, endpoint(d.Receiver), endpoint(d.Sender))
	reference(h, "focus", "Communication/"+commID)
	h.set("definition", careCommunicationDefinition)
	b.entry(h)

	pt := withMeta("Patient", patientID, profilePatient)
	pt.item("identifier").set("system", SystemCPR).set("value", d.Patient.CPR)
	name := pt.item("name").set("use", "official").set("family", d.Patient.Family)
	for _, g := range strings.Fields(d.Patient.Given) {
		name.add("given", true, &node{value: g, has: true})
	}
	b.entry(pt)

	c := withMeta("Communication", commID, profileCCCommunication)
	text := c.obj("text").set("status", "generated")
	text.add("div", false, &node{has: true, prim: primXHTML, value: narrative(d, now)})
	c.item("identifier").set("value", d.Identifier)
	c.set("status", "unknown")
	c.item("category").item("coding").set("system", SystemCategoryCodes).set("code", d.Category)
	reference(c, "subject", "Patient/"+patientID)
	if d.Topic != "" {
		c.obj("topic").set("text", d.Topic)
	}
	pl := c.item("payload")
	pl.item("extension").set("url", extCCDateTime).set("valueDateTime", stamp(now))
	idExt := pl.item("extension").set("url", extCCSegmentIdentifier)
	idv := idExt.obj("valueIdentifier").set("value", "urn:uuid:"+segID)
	reference(idv, "assigner", "Organization/"+senderID)
	reference(pl.item("extension").set("url", extCCAuthor), "valueReference", "PractitionerRole/"+roleID)
	if d.AuthorPhone != "" {
		pl.item("extension").set("url", extCCAuthorContact).obj("valueContactPoint").set("system", "phone").set("value", d.AuthorPhone)
	}
	pl.set("contentString", d.Text)
	b.entry(c)

	role := withMeta("PractitionerRole", roleID, profilePractitionerRole)
	reference(role, "practitioner", "Practitioner/"+practID)
	role.item("code").set("text", firstNonEmpty(d.AuthorRole, "Sygeplejerske"))
	b.entry(role)
	pr := withMeta("Practitioner", practID, profilePractitioner)
	pn := pr.item("name")
	given, family := splitName(d.Author)
	pn.set("family", family)
	if given != "" {
		pn.add("given", true, &node{value: given, has: true})
	}
	b.entry(pr)
	b.entry(organizationResource(senderID, d.Sender))
	b.entry(organizationResource(receiverID, d.Receiver))

	prov := withMeta("Provenance", o.id(), profileCCProvenance)
	reference(prov, "target", "MessageHeader/"+out.HeaderID)
	prov.set("occurredDateTime", stamp(now)).set("recorded", stamp(now))
	activity := ActivityNewMessage
	if d.ReplyTo != "" {
		activity = ActivityReplyMessage
	}
	prov.obj("activity").item("coding").set("system", SystemActivityCodes).set("code", activity)
	reference(prov.item("agent"), "who", "Organization/"+senderID)
	if d.ReplyTo != "" {
		reference(prov.item("entity").set("role", "revision"), "what", "MessageHeader/"+d.ReplyTo)
	}
	prov.item("entity").set("role", "source").obj("what").obj("identifier").set("value", "urn:uuid:"+segID)
	b.entry(prov)
	out.Body = marshal(b.root, f)
	return out, nil
}

// narrative is the Communication's required human-readable text.
func narrative(d CareCommunicationDraft, at time.Time) string {
	var b strings.Builder
	b.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml">`)
	if d.Topic != "" {
		b.WriteString("<p><b>" + html.EscapeString(d.Topic) + "</b></p>")
	}
	b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(d.Text), "\n", "<br/>") + "</p>")
	b.WriteString("<p>" + html.EscapeString(d.Author) + ", " + calendar.FormatTime(at) + "</p>")
	b.WriteString("</div>")
	return b.String()
}

// cleanText drops what XML 1.0 cannot carry and no reader wants: control
// characters other than tab and line feed, and invalid UTF-8.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r == 0xfffe || r == 0xffff {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

func splitName(s string) (given, family string) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, " "); i > 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
