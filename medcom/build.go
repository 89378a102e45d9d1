package medcom

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Options are what building a message needs from outside: the clock and
// ids. Zero values use time.Now and random UUIDs (version 4).
type Options struct {
	Now   time.Time
	NewID func() string
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

func (o Options) id() string {
	if o.NewID != nil {
		return o.NewID()
	}
	return NewUUID()
}

// NewUUID returns a random version 4 UUID, as MedCom requires for ids.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Outgoing is a message Dosis wrote: its MessageHeader id, format and bytes.
type Outgoing struct {
	HeaderID string
	BundleID string
	Format   Format
	Body     []byte
}

// stamp writes a time as a FHIR instant in Danish time with its offset.
func stamp(t time.Time) string {
	return t.In(calendar.Copenhagen()).Format("2006-01-02T15:04:05-07:00")
}

// bundle holds a message under construction.
type bundle struct {
	root *node
}

func newBundle(id, profile string, at time.Time) *bundle {
	r := resource("Bundle").set("id", id)
	r.obj("meta").add("profile", true, &node{value: profile, has: true})
	r.set("type", "message").set("timestamp", stamp(at))
	return &bundle{root: r}
}

// entry adds a resource with its fullUrl (urn:uuid:id, as the resources
// of a message are not on a server) and returns the reference to it.
func (b *bundle) entry(res *node) string {
	e := b.root.item("entry")
	ref := res.resourceType + "/" + res.str("id")
	e.set("fullUrl", ref)
	e.add("resource", false, res)
	return ref
}

// reference adds {"reference": ref} under name.
func reference(n *node, name, ref string) { n.obj(name).set("reference", ref) }

// withMeta returns a resource with id and meta.profile.
func withMeta(kind, id, profile string) *node {
	r := resource(kind).set("id", id)
	if profile != "" {
		r.obj("meta").add("profile", true, &node{value: profile, has: true})
	}
	return r
}

// organizationResource writes a MedComMessagingOrganization.
func organizationResource(id string, o Organization) *node {
	r := withMeta("Organization", id, profileOrganization)
	if o.EAN != "" {
		r.item("identifier").set("system", SystemEAN).set("value", o.EAN)
	}
	if o.SOR != "" {
		r.item("identifier").set("system", SystemSOR).set("value", o.SOR)
	}
	return r.set("name", o.Name)
}

// header writes the common part of a MessageHeader up to source.
func header(id, profile, event, receiverRef, senderRef, destEndpoint, sourceEndpoint string) *node {
	h := withMeta("MessageHeader", id, profile)
	h.obj("eventCoding").set("system", SystemEventCodes).set("code", event)
	d := h.item("destination")
	ext := d.item("extension").set("url", extDestinationUse)
	ext.obj("valueCoding").set("system", SystemDestinationUse).set("code", "primary")
	d.set("endpoint", destEndpoint)
	if receiverRef != "" {
		reference(d, "receiver", receiverRef)
	}
	reference(h, "sender", senderRef)
	h.obj("source").set("endpoint", sourceEndpoint)
	return h
}

// endpoint is the SOR endpoint of an organisation ("" without SOR).
func endpoint(o Organization) string {
	if o.SOR == "" {
		return ""
	}
	return sorEndpoint + o.SOR
}
