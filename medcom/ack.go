package medcom

// AckFor builds the Acknowledgement of a received message, in the format it
// came in. orig may be partial (as Parse returns it on a problem) or nil
// when nothing could be read; then the acknowledgement is XML and its
// response.identifier is the zero UUID, as no MessageHeader id is known.
// code is AckOK, AckTransientError or AckFatalError; a non-ok code needs
// prob, which the OperationOutcome names in Danish (details.text) with its
// issue codes. The sender of the acknowledgement is the original receiver.
func AckFor(orig *Message, code string, prob *Problem, o Options) Outgoing {
	var m Message
	if orig != nil {
		m = *orig
	}
	f := m.Format
	if f == "" {
		f = XML
	}
	of := m.Header.ID
	if of == "" {
		of = "00000000-0000-0000-0000-000000000000"
	}
	now := o.now()
	out := Outgoing{HeaderID: o.id(), BundleID: o.id(), Format: f}
	b := newBundle(out.BundleID, ProfileAcknowledgement, now)
	self, peer := m.Header.Receiver, m.Header.Sender
	selfID, peerID := o.id(), o.id()
	dest := m.Header.SourceEndpoint
	if dest == "" {
		dest = endpoint(peer)
	}
	peerRef := ""
	if peer != (Organization{}) {
		peerRef = "Organization/" + peerID
	}
	h := header(out.HeaderID, profileAckHeader, EventAcknowledgement, peerRef, "Organization/"+selfID, dest, endpoint(self))
	resp := h.obj("response").set("identifier", of).set("code", code)
	var outcome *node
	if code != AckOK {
		if prob == nil {
			prob = problem(ProblemBadValue, "", "", "err.medcom.unknown_error")
		}
		ooID := o.id()
		reference(resp, "details", "OperationOutcome/"+ooID)
		outcome = withMeta("OperationOutcome", ooID, profileAckOutcome)
		is := outcome.item("issue")
		severity := "error"
		if code == AckFatalError {
			severity = "fatal"
		}
		kind, medcomCode := prob.issue()
		is.set("severity", severity).set("code", kind)
		det := is.obj("details")
		if medcomCode != "" {
			det.item("coding").set("system", SystemAckErrorCodes).set("code", medcomCode)
		}
		det.set("text", prob.MsgDA)
		is.set("diagnostics", prob.MsgEN)
		if prob.Path != "" {
			is.add("expression", true, &node{value: prob.Path, has: true})
		}
	}
	b.entry(h)
	b.entry(organizationResource(selfID, self))
	if peerRef != "" {
		b.entry(organizationResource(peerID, peer))
	}
	pr := withMeta("Provenance", o.id(), profileProvenance)
	reference(pr, "target", "MessageHeader/"+out.HeaderID)
	pr.set("occurredDateTime", stamp(now)).set("recorded", stamp(now))
	pr.obj("activity").item("coding").set("system", SystemActivityCodes).set("code", activityAcknowledgment)
	reference(pr.item("agent"), "who", "Organization/"+selfID)
	ent := pr.item("entity").set("role", "revision")
	reference(ent, "what", "MessageHeader/"+of)
	b.entry(pr)
	if outcome != nil {
		b.entry(outcome)
	}
	out.Body = marshal(b.root, f)
	return out
}
