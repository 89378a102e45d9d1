package medcom

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
)

// marshal writes a resource tree as FHIR XML or JSON. The tree's field
// order is the FHIR element order, which XML requires.
func marshal(root *node, f Format) []byte {
	var b bytes.Buffer
	if f == JSON {
		jsonResource(&b, root)
		var out bytes.Buffer
		if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
			// Unreachable: jsonResource writes valid JSON.
			return b.Bytes()
		}
		out.WriteByte('\n')
		return out.Bytes()
	}
	b.WriteString(xml.Header)
	b.WriteString(`<` + root.resourceType + ` xmlns="http://hl7.org/fhir">` + "\n")
	xmlFields(&b, root, 1)
	b.WriteString(`</` + root.resourceType + ">\n")
	return b.Bytes()
}

func indent(b *bytes.Buffer, depth int) { b.WriteString(strings.Repeat("  ", depth)) }

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmlFields writes n's children; an extension's url is an attribute.
func xmlFields(b *bytes.Buffer, n *node, depth int) {
	for _, f := range n.fields {
		for _, c := range f.nodes {
			xmlNode(b, f.name, c, depth)
		}
	}
}

func xmlNode(b *bytes.Buffer, name string, c *node, depth int) {
	indent(b, depth)
	if c.prim == primXHTML {
		b.WriteString(c.value + "\n")
		return
	}
	if c.has {
		b.WriteString(`<` + name + ` value="` + xmlEscape(c.value) + `"/>` + "\n")
		return
	}
	attrs := ""
	kids := c
	if u := c.one("url"); u != nil && (name == "extension" || name == "modifierExtension") {
		attrs = ` url="` + xmlEscape(u.value) + `"`
		kids = &node{}
		for _, f := range c.fields {
			if f.name != "url" {
				kids.fields = append(kids.fields, f)
			}
		}
	}
	b.WriteString(`<` + name + attrs + ">\n")
	if c.resourceType != "" {
		indent(b, depth+1)
		b.WriteString(`<` + c.resourceType + ">\n")
		xmlFields(b, kids, depth+2)
		indent(b, depth+1)
		b.WriteString(`</` + c.resourceType + ">\n")
	} else {
		xmlFields(b, kids, depth+1)
	}
	indent(b, depth)
	b.WriteString(`</` + name + ">\n")
}

func jsonString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s)
	b.Write(enc)
}

// jsonResource writes a node as a JSON object, resourceType first.
func jsonResource(b *bytes.Buffer, n *node) {
	b.WriteByte('{')
	first := true
	if n.resourceType != "" {
		b.WriteString(`"resourceType":`)
		jsonString(b, n.resourceType)
		first = false
	}
	for _, f := range n.fields {
		if !first {
			b.WriteByte(',')
		}
		first = false
		jsonString(b, f.name)
		b.WriteByte(':')
		if f.list || len(f.nodes) > 1 {
			b.WriteByte('[')
			for i, c := range f.nodes {
				if i > 0 {
					b.WriteByte(',')
				}
				jsonNode(b, c)
			}
			b.WriteByte(']')
		} else {
			jsonNode(b, f.nodes[0])
		}
	}
	b.WriteByte('}')
}

func jsonNode(b *bytes.Buffer, c *node) {
	switch {
	case !c.has && c.prim != primXHTML:
		jsonResource(b, c)
	case c.prim == primBool || c.prim == primNumber:
		b.WriteString(c.value)
	default:
		jsonString(b, c.value)
	}
}
