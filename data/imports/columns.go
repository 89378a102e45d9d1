package imports

import (
	"slices"
	"strings"
	"unicode"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// Column is one column an import understands: its key, the header names
// accepted for it (compared without case, spaces or punctuation) and
// whether the file must have it.
type Column struct {
	Key      string
	Aliases  []string
	Required bool
	// Doc describes the values, for the documentation and --help.
	Doc string
}

// The column keys.
const (
	ColCPR          = "cpr"
	ColName         = "name"
	ColMunicipality = "municipality"
	ColGP           = "gp"
	ColMedicineHelp = "medicine_help"
	ColSince        = "since"
	ColYdernummer   = "ydernummer"
	ColClinic       = "clinic"
	ColID           = "id"
	ColPeriodDays   = "period_days"
	ColDeadlineDays = "deadline_days"
	ColLeadHours    = "lead_hours"
	ColSOR          = "sor"
	ColEAN          = "ean"
	ColFirstName    = "first_name"
	ColMiddleName   = "middle_name"
	ColLastName     = "last_name"
)

// The header table: every header name an import understands, in one place.
// Names are compared folded (normHeader): without case, spaces or
// punctuation, and with æ, ø, å the same as ae, oe, aa, so "Lægens
// ydernr." = "LAEGENS YDERNR" and "Cpr.nr." = "CPR-nr". The names are those
// of the municipal care systems' and the CPR register's exports as staff
// save them from Excel; docs/imports.md lists them.

var (
	cprAliases = []string{"CPR", "CPR-nummer", "CPR-nr", "CPR nr.", "Cprnr", "Personnummer", "Person-nr", "Personnr",
		"Borgers CPR", "Borgers CPR-nummer", "Borger CPR", "Patient CPR", "Patientens CPR", "Personidentifikation",
		"cpr number", "civil registration number"}
	municipalityAliases = []string{"Kommune", "Kommunekode", "Kommunenr", "Kommunenummer", "Kommune kode",
		"municipality", "municipality code"}
	// A citizen's municipality is the one they live in and that acts for
	// them: the CPR register's and the care systems' names for it.
	citizenMunicipalityAliases = append(slices.Clone(municipalityAliases),
		"Bopælskommune", "Bopælskommunekode", "Handlekommune", "Handlekommunekode")
	helpAliases = []string{"Medicinhjælp", "Hjælp til medicin", "Medicinhjælp (ja/nej)", "Hjælp til medicinhåndtering",
		"Medicinadministration", "Medicindispensering", "medicine help"}
	citizenNameAliases = []string{"Navn", "Borger", "Borgernavn", "Borgers navn", "Fulde navn", "Fuldt navn",
		"Patientnavn", "Patient", "name", "full name"}
	gpRefAliases = []string{"Ydernummer", "Ydernr", "Yder-nr", "Læge", "Lægens ydernummer", "Lægens ydernr",
		"Læge ydernummer", "Læge ydernr", "Egen læge", "Egen læge ydernr", "Egen læges ydernummer",
		"Praktiserende læge", "Lægepraksis ydernr", "GP", "GP ydernummer"}
)

// alternatives are the columns that may stand in for a required one: a
// citizens file may give Fornavn and Efternavn (joined into the name)
// instead of Navn.
func alternatives(k Kind, key string) []string {
	if k == Citizens && key == ColName {
		return []string{ColFirstName, ColLastName}
	}
	return nil
}

// Columns returns the columns of a kind of import.
func Columns(k Kind) []Column {
	switch k {
	case Citizens:
		return []Column{
			{ColCPR, cprAliases, true, "CPR number DDMMYY-SSSS or DDMMYYSSSS"},
			{ColName, citizenNameAliases, true, "the citizen's name (or the columns Fornavn and Efternavn)"},
			{ColFirstName, []string{"Fornavn", "Fornavne", "Fornavn(e)", "first name", "given name"}, false, "first name(s), joined with Mellemnavn and Efternavn when there is no Navn column"},
			{ColMiddleName, []string{"Mellemnavn", "Mellemnavne", "middle name"}, false, "middle name(s)"},
			{ColLastName, []string{"Efternavn", "Slægtsnavn", "last name", "surname", "family name"}, false, "last name"},
			{ColMunicipality, citizenMunicipalityAliases, true, "3-digit municipality code (may be left out with --municipality)"},
			{ColGP, gpRefAliases, false, "the GP's ydernummer (6 digits; must be imported first)"},
			{ColMedicineHelp, helpAliases, false, "ja/nej (yes/no, x, 1/0)"},
		}
	case MedicineHelp:
		return []Column{
			{ColCPR, cprAliases, true, "CPR number of a registered citizen"},
			{ColMedicineHelp, helpAliases, true, "ja/nej (yes/no, x, 1/0)"},
			{ColSince, []string{"Fra", "Fra dato", "Siden", "Startdato", "Dato", "since", "from", "start date", "date"}, false, "dd-mm-yyyy, not in the future nor before the citizen's birth"},
		}
	case GPs:
		return []Column{
			{ColYdernummer, []string{"Ydernummer", "Ydernr", "Yder-nr", "Lægens ydernummer", "provider number"}, true, "ydernummer, up to 6 digits (leading zeros restored)"},
			{ColName, []string{"Navn", "Læge", "Lægenavn", "Lægens navn", "Praksisnavn", "name", "GP", "GP name"}, true, "the GP's or practice's name"},
			{ColClinic, []string{"Klinik", "Praksis", "Lægehus", "clinic", "practice"}, false, "clinic or practice name"},
			{ColMunicipality, municipalityAliases, false, "3-digit municipality code"},
			{ColSOR, []string{"SOR", "SOR-kode", "SOR kode", "SOR-ID", "SOR code"}, false, "the clinic's SOR code, 6-18 digits (MedCom receiver)"},
			{ColEAN, []string{"EAN", "EAN-nummer", "EAN nummer", "GLN", "lokationsnummer", "EAN number"}, false, "the clinic's EAN (GLN) location number, 13 digits (MedCom receiver)"},
		}
	case Pharmacies:
		return []Column{
			{ColID, []string{"ID", "Apotek-ID", "Apoteks-id", "pharmacy id"}, false, "Dosis id of an existing pharmacy; empty for a new one"},
			{ColName, []string{"Navn", "Apotek", "Apoteksnavn", "name", "pharmacy"}, true, "the pharmacy's name"},
			{ColMunicipality, municipalityAliases, true, "3-digit municipality code (may be left out with --municipality)"},
			{ColPeriodDays, []string{"Periode", "Periodedage", "Periodelængde", "period", "period days"}, false, "7 or 14 (default 14)"},
			{ColDeadlineDays, []string{"Deadline", "Deadline dage", "Frist", "Frist arbejdsdage", "deadline days"}, false, "working days before the period, 1-10 (default 3)"},
			{ColLeadHours, []string{"Leveringstid", "Leveringstid timer", "Akuttid", "lead time", "lead time hours", "lead hours"}, false, "urgent-roll lead time in working hours, 1-168 (default 24)"},
		}
	}
	return nil
}

// normHeader folds a header name for comparison: lower case, letters and
// digits only, æ ø å as ae oe aa, é as e ("CPR-nummer" → "cprnummer",
// "Lægens ydernr." → "laegensydernr").
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'æ', 'ä':
			b.WriteString("ae")
		case 'ø', 'ö':
			b.WriteString("oe")
		case 'å':
			b.WriteString("aa")
		case 'é', 'è':
			b.WriteByte('e')
		case 'ü':
			b.WriteByte('u')
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// FoldHeader is the form header names are compared in (normHeader), for
// tests and tools that check the header table.
func FoldHeader(s string) string { return normHeader(s) }

// layout is where each known column is in a file.
type layout struct {
	header []string
	index  map[string]int
}

// mapHeader finds the kind's columns in the header. Unknown columns are
// returned as ignored; a missing required column or a column given twice
// is an error. municipalityDefault lets the municipality column be left out.
func mapHeader(k Kind, header []string, municipalityDefault bool) (layout, []string, error) {
	l := layout{header: header, index: map[string]int{}}
	var ignored []string
	var wrong []i18n.Text // each column given twice or missing
	for i, h := range header {
		key := ""
		for _, c := range Columns(k) {
			for _, a := range append([]string{c.Key}, c.Aliases...) {
				if normHeader(a) == normHeader(h) && key == "" {
					key = c.Key
				}
			}
		}
		switch {
		case key == "" && h != "":
			ignored = append(ignored, h)
		case key == "":
		case hasKey(l.index, key):
			wrong = append(wrong, workflow.Invalid("err.import.column_twice", aliasesOf(k, key)[0], header[l.index[key]], h))
		default:
			l.index[key] = i
		}
	}
	for _, c := range Columns(k) {
		if c.Required && !hasKey(l.index, c.Key) && !(c.Key == ColMunicipality && municipalityDefault) && !l.hasAll(alternatives(k, c.Key)) {
			eg := strings.Join(c.Aliases[:min(2, len(c.Aliases))], ", ")
			if alt := alternatives(k, c.Key); alt != nil {
				var names []string
				for _, a := range alt {
					names = append(names, aliasesOf(k, a)[0])
				}
				eg += "; " + strings.Join(names, " + ")
			}
			wrong = append(wrong, workflow.Invalid("err.import.column_missing", c.Aliases[0], eg))
		}
	}
	if len(wrong) > 0 {
		found := strings.Join(header, ", ")
		return l, ignored, workflow.Invalid("err.import.header_mismatch",
			i18n.TextFunc(func(l i18n.Lang) string { return k.Label(l.English()) }), i18n.Join(i18n.Verbatim("; "), wrong...), found)
	}
	return l, ignored, nil
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// hasAll reports whether the file has every one of the columns (false for none).
func (l layout) hasAll(keys []string) bool {
	for _, k := range keys {
		if !hasKey(l.index, k) {
			return false
		}
	}
	return len(keys) > 0
}

// aliasesOf returns the header names of the kind's column key.
func aliasesOf(k Kind, key string) []string {
	for _, c := range Columns(k) {
		if c.Key == key {
			return c.Aliases
		}
	}
	return []string{key}
}

// cell returns a row's value in a column, and whether the file has the column.
func (l layout) cell(r Row, key string) (string, bool) {
	i, ok := l.index[key]
	if !ok {
		return "", false
	}
	if i >= len(r.Cells) {
		return "", true
	}
	return r.Cells[i], true
}

// name returns the column's header as written in the file, or its key.
func (l layout) name(key string) string {
	if i, ok := l.index[key]; ok {
		return l.header[i]
	}
	return key
}

// letter returns the spreadsheet letter of the column (A, B, …, AA).
func (l layout) letter(key string) string {
	i, ok := l.index[key]
	if !ok {
		return ""
	}
	s := ""
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}
