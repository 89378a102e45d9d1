package imports

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// Options steer an import.
type Options struct {
	// DryRun reports what would change and writes nothing.
	DryRun bool
	// Municipality, when set, is used for rows without a municipality, and
	// rows naming another municipality are refused.
	Municipality int
	// Now is the clock; dates after it are refused where they must be past.
	Now time.Time
	// claim, when set, runs in the import's transaction just before it
	// commits (Commit deletes the upload there); its error rolls back.
	claim func(ctx context.Context, tx bun.Tx) error
}

// Parsed is a file checked row by row, without the database: the records
// of its kind and the report so far.
type Parsed struct {
	Kind       Kind
	Report     *Report
	citizens   []citizenRec
	help       []helpRec
	gps        []gpRec
	pharmacies []pharmacyRec
}

// Each record keeps its row's checker, so the database checks can report
// on the same line and column. Rows with problems are kept too (with zero
// values where a cell was bad), so the database checks see every row; the
// import writes nothing when any row has a problem.

type citizenRec struct {
	c              *rowCheck
	cpr            cpr.Number
	name, gp       string
	mun            int
	hasGP, hasHelp bool
	help           bool
}

type helpRec struct {
	c     *rowCheck
	cpr   cpr.Number
	help  bool
	since calendar.Date
}

type gpRec struct {
	c                  *rowCheck
	yder, name, clinic string
	sor, ean           string
	hasClinic, hasMun  bool
	hasSOR, hasEAN     bool
	mun                int
}

type pharmacyRec struct {
	c                               *rowCheck
	id, name                        string
	mun, period, deadline, lead     int
	hasPeriod, hasDeadline, hasLead bool
}

// Parse reads a file of kind k and checks every row without touching the
// database. A file-level problem (unreadable, wrong header) is returned as
// an error; row problems are in the report.
func Parse(k Kind, b []byte, o Options) (*Parsed, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	t, err := ReadTable(b)
	if err != nil {
		return nil, err
	}
	l, ignored, err := mapHeader(k, t.Header, o.Municipality != 0)
	if err != nil {
		return nil, err
	}
	rep := &Report{Kind: k, Format: t.Format, Encoding: t.Encoding, Rows: len(t.Rows), DryRun: o.DryRun, Ignored: ignored}
	if t.Format == "csv" {
		rep.Separator = string(t.Separator)
	}
	p := &Parsed{Kind: k, Report: rep}
	seen := map[string]int{}
	for _, r := range t.Rows {
		c := &rowCheck{l: l, r: r, rep: rep}
		switch k {
		case Citizens:
			p.parseCitizen(c, o, seen)
		case MedicineHelp:
			p.parseHelp(c, o, t.Format == "xlsx", seen)
		case GPs:
			p.parseGP(c, o, seen)
		case Pharmacies:
			p.parsePharmacy(c, o, seen)
		}
	}
	return p, nil
}

// municipality reads the row's municipality, falling back to o.Municipality.
func (c *rowCheck) municipality(o Options, required bool) (int, bool) {
	v, ok := c.optional(ColMunicipality)
	if !ok {
		if o.Municipality != 0 {
			return o.Municipality, true
		}
		if required {
			c.problem(ColMunicipality, v, because("err.import.missing"))
		}
		return 0, false
	}
	n, rs := parseMunicipality(v)
	if rs != nil {
		c.problem(ColMunicipality, v, rs)
		return 0, false
	}
	if o.Municipality != 0 && n != o.Municipality {
		// Worded for the web's choice and the CLI's flag alike: the Danish
		// import page said "givet med --municipality".
		c.problem(ColMunicipality, v, because("err.import.not_chosen_municipality", o.Municipality))
		return 0, false
	}
	return n, true
}

// unique reports a key seen on an earlier line of the file.
func (c *rowCheck) unique(seen map[string]int, col, key, shown string) {
	if first, dup := seen[key]; dup {
		c.problem(col, shown, because("err.import.duplicate_line", first))
		return
	}
	seen[key] = c.r.Line
}

func (c *rowCheck) cprValue(col string) (cpr.Number, bool) {
	v := c.required(col)
	if v == "" {
		return cpr.Number{}, false
	}
	n, warnings, rs := parseCPR(v)
	if rs != nil {
		c.problem(col, v, rs)
		return n, false
	}
	for _, w := range warnings {
		c.warn(col, n.Digits(), w)
	}
	return n, true
}
