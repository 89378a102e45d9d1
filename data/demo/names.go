package demo

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed names/*.txt
var nameFiles embed.FS

// nameLists are the synthetic first and last names citizens are given.
type nameLists struct {
	female, male, last []string
}

func loadNames() (nameLists, error) {
	var n nameLists
	for _, f := range []struct {
		file string
		into *[]string
	}{{"names/female.txt", &n.female}, {"names/male.txt", &n.male}, {"names/last.txt", &n.last}} {
		b, err := nameFiles.ReadFile(f.file)
		if err != nil {
			return n, fmt.Errorf("demo names: %w", err)
		}
		*f.into = strings.Fields(string(b))
		if len(*f.into) == 0 {
			return n, fmt.Errorf("demo names: %s is empty", f.file)
		}
	}
	return n, nil
}

// person returns a Danish-looking name for sex "female" or "male".
func (n nameLists) person(r rng, female bool) string {
	first := n.male
	if female {
		first = n.female
	}
	name := first[r.IntN(len(first))]
	if r.chance(0.25) {
		name += " " + first[r.IntN(len(first))]
	}
	last := n.last[r.IntN(len(n.last))]
	if r.chance(0.15) {
		last = n.last[r.IntN(len(n.last))] + " " + last
	}
	return name + " " + last
}

// lastName returns a surname, for practices and next of kin.
func (n nameLists) lastName(r rng) string { return n.last[r.IntN(len(n.last))] }
