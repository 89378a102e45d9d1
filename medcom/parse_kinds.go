package medcom

import (
	"slices"
	"time"
)

// hospitalNotification reads the Encounter in focus and the activity.
func (p *parser) hospitalNotification(h *node) error {
	if err := p.patient(); err != nil {
		return err
	}
	act, ok := LookupActivity(p.m.Provenance.Activity)
	if !ok {
		return problem(ProblemUnknownActivity, "Provenance.activity", p.m.Provenance.Activity,
			"err.medcom.hospital_activity")
	}
	enc := p.resolve(h.one("focus"))
	if enc == nil || enc.resourceType != "Encounter" {
		return missing("MessageHeader.focus (Encounter)")
	}
	hn := &HospitalNotification{Activity: act, EncounterStatus: enc.str("status"), Class: enc.str("class", "code")}
	if !slices.Contains([]string{"in-progress", "onleave", "finished", "entered-in-error"}, hn.EncounterStatus) {
		return problem(ProblemBadValue, "Encounter.status", hn.EncounterStatus,
			"err.medcom.encounter_status")
	}
	for _, eoc := range enc.get("episodeOfCare") {
		if v := eoc.str("identifier", "value"); v != "" && hn.EpisodeOfCare == "" {
			hn.EpisodeOfCare = v
		}
	}
	if hn.EpisodeOfCare == "" {
		return missing("Encounter.episodeOfCare.identifier")
	}
	var err error
	if hn.Start, err = instant("Encounter.period.start", enc.str("period", "start")); err != nil {
		return err
	}
	if s := enc.str("period", "end"); s != "" {
		if hn.End, err = instant("Encounter.period.end", s); err != nil {
			return err
		}
		if hn.End.Before(hn.Start) {
			return badOrder("Encounter.period")
		}
	}
	for _, ext := range enc.get("extension") {
		if ext.one("valuePeriod") == nil {
			continue
		}
		if s := ext.str("valuePeriod", "start"); s != "" {
			if hn.LeaveStart, err = instant("Encounter.extension[leavePeriod].start", s); err != nil {
				return err
			}
		}
		if s := ext.str("valuePeriod", "end"); s != "" {
			if hn.LeaveEnd, err = instant("Encounter.extension[leavePeriod].end", s); err != nil {
				return err
			}
			if hn.LeaveEnd.Before(hn.LeaveStart) {
				return badOrder("Encounter.extension[leavePeriod]")
			}
		}
	}
	hn.ServiceProvider = p.organization(enc.one("serviceProvider"))
	if act.Variant == VariantNew {
		switch {
		case act.Stay == StayStartLeave && hn.LeaveStart.IsZero():
			return missing("Encounter.extension[leavePeriod].start")
		case act.Stay == StayEndLeave && hn.LeaveEnd.IsZero():
			return missing("Encounter.extension[leavePeriod].end")
		case act.Stay == StayDischarge && hn.End.IsZero():
			return missing("Encounter.period.end")
		}
	}
	if act.Variant != VariantNew && len(p.m.Provenance.Refers) == 0 {
		return missing("Provenance.entity.what (the message revised or cancelled)")
	}
	p.m.Notification = hn
	return nil
}

// careCommunication reads the Communication in focus.
func (p *parser) careCommunication(h *node) error {
	if err := p.patient(); err != nil {
		return err
	}
	switch p.m.Provenance.Activity {
	case ActivityNewMessage, ActivityForwardMessage:
	case ActivityReplyMessage:
		if len(p.m.Provenance.Refers) == 0 {
			return missing("Provenance.entity.what (the message replied to)")
		}
	default:
		return problem(ProblemUnknownActivity, "Provenance.activity", p.m.Provenance.Activity,
			"err.medcom.care_activity")
	}
	c := p.resolve(h.one("focus"))
	if c == nil || c.resourceType != "Communication" {
		return missing("MessageHeader.focus (Communication)")
	}
	cc := &CareCommunication{Identifier: c.str("identifier", "value"), Category: c.str("category", "coding", "code"),
		Topic: c.str("topic", "text")}
	if cc.Category == "" {
		return missing("Communication.category")
	}
	for _, pl := range c.get("payload") {
		if pl.one("contentAttachment") != nil {
			cc.Attachments++
			continue
		}
		text := pl.str("contentString")
		if text == "" {
			continue
		}
		seg := Segment{Text: text}
		for _, ext := range pl.get("extension") {
			switch {
			case ext.str("valueDateTime") != "":
				t, err := instant("Communication.payload.extension[date]", ext.str("valueDateTime"))
				if err != nil {
					return err
				}
				seg.At = t
			case ext.one("valueReference") != nil:
				seg.Author = p.author(ext.one("valueReference"))
			}
		}
		cc.Segments = append(cc.Segments, seg)
	}
	if len(cc.Segments) == 0 {
		return missing("Communication.payload.contentString")
	}
	p.m.Communication = cc
	return nil
}

// author names a payload's author: the PractitionerRole's practitioner.
func (p *parser) author(ref *node) string {
	r := p.resolve(ref)
	if r != nil && r.resourceType == "PractitionerRole" {
		r = p.resolve(r.one("practitioner"))
	}
	if r == nil {
		return ""
	}
	name := r.one("name")
	given := ""
	for _, g := range name.get("given") {
		given += g.value + " "
	}
	return given + name.str("family")
}

// ack reads an Acknowledgement's response.
func (p *parser) ack(h *node) error {
	a := &Ack{Of: h.str("response", "identifier"), Code: h.str("response", "code")}
	if a.Of == "" {
		return missing("MessageHeader.response.identifier")
	}
	if !slices.Contains([]string{AckOK, AckTransientError, AckFatalError}, a.Code) {
		return problem(ProblemBadValue, "MessageHeader.response.code", a.Code,
			"err.medcom.response_code")
	}
	for _, oo := range p.all("OperationOutcome") {
		for _, is := range oo.get("issue") {
			text := is.str("details", "text")
			if text == "" {
				text = is.str("details", "coding", "code")
			}
			if text != "" {
				a.Issues = append(a.Issues, text)
			}
		}
	}
	p.m.Ack = a
	return nil
}

// badOrder is the problem of a period that ends before it starts.
func badOrder(path string) *Problem {
	return problem(ProblemBadTime, path, "", "err.medcom.ends_before_start")
}

// instant parses a FHIR instant or dateTime with a time: date, time with
// seconds and a zone; years outside 1900–2200 are refused as impossible.
func instant(path, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, missing(path)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, problem(ProblemBadTime, path, s,
			"err.medcom.bad_time")
	}
	return t.UTC(), nil
}

// dateTime parses a FHIR dateTime that may be a date only (taken as
// midnight UTC).
func dateTime(path, s string) (time.Time, error) {
	if len(s) == len("2006-01-02") {
		t, err := time.Parse(time.DateOnly, s)
		if err == nil && t.Year() >= 1900 && t.Year() <= 2200 {
			return t, nil
		}
	}
	return instant(path, s)
}
