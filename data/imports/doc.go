// Package imports reads the spreadsheets Danish municipal offices produce —
// CSV separated by semicolons or commas, in UTF-8 (with or without a byte
// order mark) or Windows-1252, or Excel .xlsx — and loads citizens, medicine
// help, GP practices and pharmacies from them.
//
// An import is all or nothing: every row is checked first and every bad row
// is reported with its line, column, value and reason; when any row is bad
// nothing is written. The writes run in one transaction, are keyed by CPR
// number, ydernummer or pharmacy key, and change nothing when the same file
// is imported again. A dry run does the same work and rolls it back.
//
// The column sets and the accepted header names are in docs/imports.md.
package imports

import (
	"fmt"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// Kind is what a file holds.
type Kind string

// The kinds of import.
const (
	Citizens     Kind = "citizens"
	MedicineHelp Kind = "medicine-help"
	GPs          Kind = "gps"
	Pharmacies   Kind = "pharmacies"
)

// Kinds lists every kind of import.
func Kinds() []Kind { return []Kind{Citizens, MedicineHelp, GPs, Pharmacies} }

// ParseKind returns the kind named s, or an invalid-input error listing them.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if string(k) == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	names := make([]string, len(Kinds()))
	for i, k := range Kinds() {
		names[i] = string(k)
	}
	list := strings.Join(names, ", ")
	return "", workflow.Invalid("err.import.unknown_kind", s, list)
}

// String returns the kind's name.
func (k Kind) String() string { return string(k) }

// Label is the kind's name in Danish ("borgere") or English ("citizens").
func (k Kind) Label(english bool) string {
	da, en := map[Kind]string{Citizens: "borgere", MedicineHelp: "medicinhjælp", GPs: "læger", Pharmacies: "apoteker"}[k],
		map[Kind]string{Citizens: "citizens", MedicineHelp: "medicine help", GPs: "GPs", Pharmacies: "pharmacies"}[k]
	if english {
		return en
	}
	return da
}

func (k Kind) check() error {
	if _, err := ParseKind(string(k)); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}
