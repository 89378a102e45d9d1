package medcom

import "strings"

// primitive is the JSON type of a primitive value.
type primitive int

const (
	primString primitive = iota
	primBool
	primNumber
	// primXHTML is a narrative div: raw XHTML in XML, a string in JSON.
	primXHTML
)

// node is one FHIR element, read from XML or JSON or built for output. A
// primitive has a value; a complex element has ordered fields. A resource
// inside entry.resource (and any contained resource) has resourceType set.
type node struct {
	resourceType string
	value        string
	has          bool
	prim         primitive
	fields       []field
}

// field is a named child: one node, or several (list). list marks an
// array in JSON even when it holds one node.
type field struct {
	name  string
	nodes []*node
	list  bool
}

// get returns the named field's nodes (nil if absent).
func (n *node) get(name string) []*node {
	if n == nil {
		return nil
	}
	for i := range n.fields {
		if n.fields[i].name == name {
			return n.fields[i].nodes
		}
	}
	return nil
}

// one returns the first node of a field, or nil.
func (n *node) one(name string) *node {
	if ns := n.get(name); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

// path follows names through first nodes: path("a", "b") is a.b.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.one(name)
	}
	return n
}

// str returns the trimmed primitive value at a path, or "".
func (n *node) str(names ...string) string {
	if p := n.path(names...); p != nil {
		return strings.TrimSpace(p.value)
	}
	return ""
}

// add appends a child node under name (list says it is an array in JSON).
func (n *node) add(name string, list bool, c *node) *node {
	for i := range n.fields {
		if n.fields[i].name == name {
			n.fields[i].nodes = append(n.fields[i].nodes, c)
			n.fields[i].list = n.fields[i].list || list
			return c
		}
	}
	n.fields = append(n.fields, field{name: name, nodes: []*node{c}, list: list})
	return c
}

// set adds a string primitive; an empty value adds nothing.
func (n *node) set(name, value string) *node {
	if value == "" {
		return n
	}
	n.add(name, false, &node{value: value, has: true})
	return n
}

// obj adds and returns a complex child.
func (n *node) obj(name string) *node { return n.add(name, false, &node{}) }

// item adds and returns a complex child of a repeating element.
func (n *node) item(name string) *node { return n.add(name, true, &node{}) }

// resource returns a new resource node.
func resource(kind string) *node { return &node{resourceType: kind} }
