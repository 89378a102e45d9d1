package medcom

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on one message. A message over MaxMessageBytes is refused before
// it is parsed; depth and element count bound the work a small but deeply
// nested or very repetitive file can cause.
const (
	// MaxMessageBytes is the largest message accepted (5 MiB: a
	// CareCommunication may carry attachments).
	MaxMessageBytes = 5 << 20
	maxDepth        = 64
	maxNodes        = 200_000
)

// Format is the wire format of a message.
type Format string

// The formats.
const (
	XML  Format = "xml"
	JSON Format = "json"
)

// Ext returns the file extension for the format (".xml" or ".json").
func (f Format) Ext() string {
	if f == JSON {
		return ".json"
	}
	return ".xml"
}

// Sniff tells whether b looks like a FHIR message and in which format,
// from its first non-blank byte (a byte-order mark skipped).
func Sniff(b []byte) (Format, bool) { return sniff(b) }

// sniff decides the format from the first non-blank byte (a BOM skipped).
func sniff(b []byte) (Format, bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(b) > 0 && b[0] == '<':
		return XML, true
	case len(b) > 0 && b[0] == '{':
		return JSON, true
	}
	return "", false
}

// decode reads a resource tree from b in format f.
func decode(b []byte, f Format) (*node, error) {
	if f == JSON {
		return decodeJSON(b)
	}
	return decodeXML(b)
}

// budget counts elements and depth while decoding.
type budget struct{ nodes int }

func (bg *budget) take(depth int) error {
	bg.nodes++
	if bg.nodes > maxNodes {
		return fmt.Errorf("more than %d elements", maxNodes)
	}
	if depth > maxDepth {
		return fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	return nil
}

// resourceHolders are the XML elements whose one child is a resource.
var resourceHolders = map[string]bool{"resource": true, "contained": true, "outcome": true}

// decodeXML reads FHIR XML: primitives carry a value attribute, the root
// element and the child of entry.resource name their resource type, and the
// narrative div is skipped.
func decodeXML(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var bg budget
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, errors.New("no root element")
			}
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			root := resource(se.Name.Local)
			if err := xmlElement(d, se, root, 1, &bg); err != nil {
				return nil, err
			}
			return root, nil
		}
	}
}

// xmlElement fills n from the element se (already read) up to its end.
func xmlElement(d *xml.Decoder, se xml.StartElement, n *node, depth int, bg *budget) error {
	if err := bg.take(depth); err != nil {
		return err
	}
	for _, a := range se.Attr {
		switch {
		case a.Name.Space == "xmlns" || a.Name.Local == "xmlns":
		case a.Name.Local == "value":
			n.value, n.has = a.Value, true
		default:
			n.set(a.Name.Local, a.Value)
		}
	}
	holder := resourceHolders[se.Name.Local] && n.resourceType == ""
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local == "div" {
				if err := d.Skip(); err != nil {
					return err
				}
				n.add("div", false, &node{has: true, prim: primXHTML})
				continue
			}
			if holder {
				// <resource><Patient>…</Patient></resource>: n becomes the Patient.
				n.resourceType = t.Name.Local
				if err := xmlElement(d, t, n, depth+1, bg); err != nil {
					return err
				}
				continue
			}
			c := n.add(t.Name.Local, false, &node{})
			if err := xmlElement(d, t, c, depth+1, bg); err != nil {
				return err
			}
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("text %q inside <%s> (FHIR XML keeps values in value attributes)",
					clip(strings.TrimSpace(string(t)), 40), se.Name.Local)
			}
		}
	}
}

// decodeJSON reads FHIR JSON token by token, so depth and size stay
// bounded: an object with resourceType is a resource, arrays are lists,
// and "_name" (extensions on primitives) and nulls are skipped.
func decodeJSON(b []byte) (*node, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var bg budget
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("the document is not a JSON object")
	}
	root := &node{}
	if err := jsonObject(d, root, 1, &bg); err != nil {
		return nil, err
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the JSON object")
	}
	return root, nil
}

// jsonObject fills n from an object whose '{' is read.
func jsonObject(d *json.Decoder, n *node, depth int, bg *budget) error {
	if err := bg.take(depth); err != nil {
		return err
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if strings.HasPrefix(key, "_") {
			if err := jsonSkip(d, depth+1, bg); err != nil {
				return err
			}
			continue
		}
		if key == "resourceType" {
			v, err := d.Token()
			if err != nil {
				return err
			}
			s, ok := v.(string)
			if !ok {
				return errors.New("resourceType is not a string")
			}
			n.resourceType = s
			continue
		}
		if err := jsonValue(d, n, key, false, depth+1, bg); err != nil {
			return err
		}
	}
	_, err := d.Token() // '}'
	return err
}

// jsonValue reads one value and adds it to n under key.
func jsonValue(d *json.Decoder, n *node, key string, inList bool, depth int, bg *budget) error {
	tok, err := d.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			c := n.add(key, inList, &node{})
			return jsonObject(d, c, depth, bg)
		case '[':
			if inList {
				return fmt.Errorf("%s: an array inside an array", key)
			}
			if err := bg.take(depth); err != nil {
				return err
			}
			for d.More() {
				if err := jsonValue(d, n, key, true, depth+1, bg); err != nil {
					return err
				}
			}
			_, err := d.Token() // ']'
			return err
		}
		return fmt.Errorf("%s: unexpected %v", key, t)
	case nil:
		return nil
	case string:
		n.add(key, inList, &node{value: t, has: true})
	case bool:
		n.add(key, inList, &node{value: fmt.Sprint(t), has: true, prim: primBool})
	case json.Number:
		n.add(key, inList, &node{value: t.String(), has: true, prim: primNumber})
	}
	return bg.take(depth)
}

// jsonSkip consumes one value, counting it against the budget.
func jsonSkip(d *json.Decoder, depth int, bg *budget) error {
	var scratch node
	return jsonValue(d, &scratch, "_", false, depth, bg)
}
