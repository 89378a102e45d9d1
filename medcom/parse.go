package medcom

import (
	"slices"
	"strings"

	"github.com/dosis-dk/dosis/workflow/cpr"
)

// Parse reads one MedCom message (a FHIR Bundle of type message, XML or
// JSON) and checks it. On a problem it returns a *Problem and, when at
// least the format and MessageHeader id could be read, the partial
// message, so that the fatal-error acknowledgement can refer to it and be
// written in the same format; otherwise the message is nil.
func Parse(b []byte) (*Message, error) {
	if len(b) > MaxMessageBytes {
		return nil, problem(ProblemTooLarge, "", "",
			"err.medcom.too_large", MaxMessageBytes>>20)
	}
	f, ok := sniff(b)
	if !ok {
		return nil, problem(ProblemSyntax, "", "", "err.medcom.not_fhir")
	}
	root, err := decode(b, f)
	if err != nil {
		detail := clip(err.Error(), 200)
		return nil, problem(ProblemSyntax, "", "", "err.medcom.syntax", strings.ToUpper(string(f)), detail)
	}
	m := &Message{Format: f}
	p := &parser{root: root, m: m}
	if err := p.bundle(); err != nil {
		if m.Header.ID == "" {
			return &Message{Format: f}, err
		}
		return m, err
	}
	return m, nil
}

// parser holds the bundle being read and its entries by reference key.
type parser struct {
	root    *node
	m       *Message
	entries []*node
	byRef   map[string]*node
}

func (p *parser) bundle() error {
	r := p.root
	if r.resourceType != "Bundle" {
		return problem(ProblemNotBundle, "", r.resourceType, "err.medcom.not_bundle")
	}
	p.m.BundleID = r.str("id")
	p.byRef = map[string]*node{}
	for _, e := range r.get("entry") {
		res := e.one("resource")
		if res == nil || res.resourceType == "" {
			continue
		}
		p.entries = append(p.entries, res)
		if u := e.str("fullUrl"); u != "" {
			p.byRef[u] = res
		}
		if id := res.str("id"); id != "" {
			p.byRef[res.resourceType+"/"+id] = res
		}
	}
	headers := p.all("MessageHeader")
	switch {
	case len(headers) == 0 && r.str("type") != "message":
		return notMessage(r.str("type"))
	case len(headers) == 0:
		return problem(ProblemNoHeader, "Bundle.entry", "", "err.medcom.no_header")
	case len(headers) > 1:
		return problem(ProblemBadValue, "Bundle.entry", "", "err.medcom.several_headers")
	}
	h := headers[0]
	p.m.Header.ID = h.str("id")
	if p.m.Header.ID == "" {
		return missing("MessageHeader.id")
	}
	if !validID(p.m.Header.ID) {
		id := p.m.Header.ID
		p.m.Header.ID = ""
		return problem(ProblemBadValue, "MessageHeader.id", id,
			"err.medcom.bad_id")
	}
	if t := r.str("type"); t != "message" {
		return notMessage(t)
	}
	ts, err := instant("Bundle.timestamp", r.str("timestamp"))
	if err != nil {
		return err
	}
	p.m.Timestamp = ts
	sys, code := h.str("eventCoding", "system"), h.str("eventCoding", "code")
	want, known := profileFor[code]
	if sys != SystemEventCodes || !known {
		return problem(ProblemUnknownEvent, "MessageHeader.eventCoding", code,
			"err.medcom.unknown_event")
	}
	p.m.Header.Event = code
	if profiles := r.path("meta").get("profile"); len(profiles) > 0 &&
		!slices.ContainsFunc(profiles, func(n *node) bool { return profileMatches(strings.TrimSpace(n.value), want) }) {
		return problem(ProblemUnknownProfile, "Bundle.meta.profile", profiles[0].value,
			"err.medcom.unknown_profile", code)
	}
	p.m.Header.Sender = p.organization(h.one("sender"))
	p.m.Header.Receiver = p.organization(h.path("destination", "receiver"))
	p.m.Header.SourceEndpoint = h.str("source", "endpoint")
	p.m.Provenance, err = p.provenance()
	if err != nil {
		return err
	}
	switch code {
	case EventHospitalNotification:
		return p.hospitalNotification(h)
	case EventCareCommunication:
		return p.careCommunication(h)
	}
	return p.ack(h)
}

// notMessage is the problem of a Bundle of another type than message.
func notMessage(t string) *Problem {
	return problem(ProblemNotMessage, "Bundle.type", t, "err.medcom.not_message")
}

// all returns the entries of a resource type.
func (p *parser) all(kind string) []*node {
	var out []*node
	for _, e := range p.entries {
		if e.resourceType == kind {
			out = append(out, e)
		}
	}
	return out
}

// resolve finds the entry a Reference points to (by fullUrl, by
// "Type/id", or by the last two segments of an absolute URL).
func (p *parser) resolve(ref *node) *node {
	r := ref.str("reference")
	if r == "" {
		return nil
	}
	if n := p.byRef[r]; n != nil {
		return n
	}
	parts := strings.Split(r, "/")
	if len(parts) >= 2 {
		return p.byRef[parts[len(parts)-2]+"/"+parts[len(parts)-1]]
	}
	return nil
}

// refID returns the resource id at the end of a reference ("MessageHeader/x",
// an absolute URL or "urn:uuid:x").
func refID(ref string) string {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "urn:uuid:")
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		ref = ref[i+1:]
	}
	return ref
}

// organization reads a referenced Organization's SOR, EAN and name.
func (p *parser) organization(ref *node) Organization {
	o := p.resolve(ref)
	if o == nil {
		return Organization{}
	}
	out := Organization{Name: o.str("name")}
	for _, id := range o.get("identifier") {
		switch id.str("system") {
		case SystemSOR:
			out.SOR = id.str("value")
		case SystemEAN:
			out.EAN = id.str("value")
		}
	}
	return out
}

// provenance returns the Provenance whose target is this message's header.
func (p *parser) provenance() (Provenance, error) {
	for _, pr := range p.all("Provenance") {
		if !slices.ContainsFunc(pr.get("target"), func(t *node) bool { return refID(t.str("reference")) == p.m.Header.ID }) {
			continue
		}
		out := Provenance{Activity: pr.str("activity", "coding", "code")}
		if s := pr.str("occurredDateTime"); s != "" {
			t, err := instant("Provenance.occurredDateTime", s)
			if err != nil {
				return out, err
			}
			out.Occurred = t
		}
		if sys := pr.str("activity", "coding", "system"); out.Activity != "" && sys != SystemActivityCodes {
			return out, problem(ProblemUnknownActivity, "Provenance.activity.coding.system", sys,
				"err.medcom.activity_system")
		}
		for _, e := range pr.get("entity") {
			if id := refID(e.str("what", "reference")); id != "" {
				out.Refers = append(out.Refers, id)
			}
		}
		return out, nil
	}
	return Provenance{}, missing("Provenance (target = MessageHeader " + clip(p.m.Header.ID, 40) + ")")
}

// patient reads the one Patient and its CPR number.
func (p *parser) patient() error {
	ps := p.all("Patient")
	if len(ps) != 1 {
		return problem(ProblemNoPatient, "Bundle.entry", "",
			"err.medcom.patient_count", len(ps))
	}
	pt := ps[0]
	out := &Patient{}
	for _, id := range pt.get("identifier") {
		if id.str("system") == SystemCPR {
			out.CPR = id.str("value")
		}
	}
	if out.CPR == "" {
		return problem(ProblemNoCPR, "Patient.identifier", "", "err.medcom.patient_no_cpr", SystemCPR)
	}
	n, err := cpr.Parse(out.CPR)
	if err != nil {
		return problem(ProblemNoCPR, "Patient.identifier", "", "err.medcom.cpr_invalid")
	}
	out.CPR = n.Digits()
	if name := pt.one("name"); name != nil {
		out.Family = name.str("family")
		var given []string
		for _, g := range name.get("given") {
			given = append(given, strings.TrimSpace(g.value))
		}
		out.Given = strings.Join(given, " ")
	}
	out.Deceased = pt.str("deceasedBoolean") == "true"
	if s := pt.str("deceasedDateTime"); s != "" {
		t, err := dateTime("Patient.deceasedDateTime", s)
		if err != nil {
			return err
		}
		out.Deceased, out.DeceasedAt = true, t
	}
	p.m.Patient = out
	return nil
}

// validID reports whether s is a FHIR id: [A-Za-z0-9\-\.]{1,64}. Ids
// name outbox files, so nothing else may pass.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 || strings.Trim(s, ".") == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// missing is the problem of a required element that is absent.
func missing(path string) *Problem {
	return problem(ProblemMissing, path, "", "err.medcom.required")
}
