package imports

import (
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// The row checks of each kind of import.

func (p *Parsed) parseCitizen(c *rowCheck, o Options, seen map[string]int) {
	rec := citizenRec{c: c}
	n, okCPR := c.cprValue(ColCPR)
	rec.cpr = n
	rec.name = c.citizenName()
	rec.mun, _ = c.municipality(o, true)
	if v, ok := c.optional(ColGP); ok {
		y, rs := parseYdernummer(v)
		if rs != nil {
			c.problem(ColGP, v, rs)
		}
		rec.gp, rec.hasGP = y, rs == nil
	}
	if v, ok := c.optional(ColMedicineHelp); ok {
		b, rs := parseBool(v)
		if rs != nil {
			c.problem(ColMedicineHelp, v, rs)
		}
		rec.help, rec.hasHelp = b, true
	}
	if okCPR {
		c.unique(seen, ColCPR, n.Digits(), n.Digits())
	}
	p.citizens = append(p.citizens, rec)
}

func (p *Parsed) parseHelp(c *rowCheck, o Options, excel bool, seen map[string]int) {
	rec := helpRec{c: c}
	n, okCPR := c.cprValue(ColCPR)
	rec.cpr = n
	v := c.required(ColMedicineHelp)
	if v != "" {
		b, rs := parseBool(v)
		if rs != nil {
			c.problem(ColMedicineHelp, v, rs)
		}
		rec.help = b
	}
	if v, ok := c.optional(ColSince); ok {
		d, rs := parseDate(v, excel)
		var today calendar.Date
		if !o.Now.IsZero() {
			today = calendar.Today(o.Now)
		}
		allowed := workflow.MedicineHelpRange(n.BirthDate(), today)
		switch {
		case rs != nil:
			c.problem(ColSince, v, rs)
		case !allowed.To.IsZero() && d.After(allowed.To):
			c.problem(ColSince, v, because("err.import.in_future"))
		case okCPR && d.Before(allowed.From):
			c.problem(ColSince, v, because("err.import.before_birth", allowed.From.Format()))
		}
		rec.since = d
	}
	if okCPR {
		c.unique(seen, ColCPR, n.Digits(), n.Digits())
	}
	p.help = append(p.help, rec)
}

func (p *Parsed) parseGP(c *rowCheck, o Options, seen map[string]int) {
	rec := gpRec{c: c}
	if v := c.required(ColYdernummer); v != "" {
		y, rs := parseYdernummer(v)
		if rs != nil {
			c.problem(ColYdernummer, v, rs)
		} else {
			c.unique(seen, ColYdernummer, y, v)
		}
		rec.yder = y
	}
	rec.name = strings.Join(strings.Fields(c.required(ColName)), " ")
	rec.clinic, rec.hasClinic = c.optional(ColClinic)
	rec.mun, rec.hasMun = c.municipality(o, false)
	if v, ok := c.optional(ColSOR); ok {
		rec.sor, rec.hasSOR = strings.TrimSpace(v), true
		if pr := medcom.CheckSOR(rec.sor); pr != nil {
			c.problem(ColSOR, v, &reason{pr.MsgDA, pr.MsgEN})
		}
	}
	if v, ok := c.optional(ColEAN); ok {
		rec.ean, rec.hasEAN = strings.TrimSpace(v), true
		if pr := medcom.CheckEAN(rec.ean); pr != nil {
			c.problem(ColEAN, v, &reason{pr.MsgDA, pr.MsgEN})
		}
	}
	p.gps = append(p.gps, rec)
}

func (p *Parsed) parsePharmacy(c *rowCheck, o Options, seen map[string]int) {
	rec := pharmacyRec{c: c}
	rec.id, _ = c.optional(ColID)
	rec.name = strings.Join(strings.Fields(c.required(ColName)), " ")
	rec.mun, _ = c.municipality(o, true)
	whole := func(key string, lo, hi int, dst *int, has *bool) {
		if v, ok := c.optional(key); ok {
			n, rs := parseWhole(v, lo, hi)
			if rs != nil {
				c.problem(key, v, rs)
			}
			*dst, *has = n, true
		}
	}
	whole(ColPeriodDays, 7, 14, &rec.period, &rec.hasPeriod)
	if rec.hasPeriod && rec.period != 7 && rec.period != 14 {
		v, _ := c.optional(ColPeriodDays)
		c.problem(ColPeriodDays, v, because("err.import.period_days"))
	}
	whole(ColDeadlineDays, workflow.MinDeadlineWorkingDays, workflow.MaxDeadlineWorkingDays, &rec.deadline, &rec.hasDeadline)
	whole(ColLeadHours, workflow.MinLeadTimeHours, workflow.MaxLeadTimeHours, &rec.lead, &rec.hasLead)
	if rec.name != "" && rec.mun != 0 {
		key := "name:" + strings.ToLower(rec.name) + "|" + strconv.Itoa(rec.mun)
		if rec.id != "" {
			key = "id:" + rec.id
		}
		c.unique(seen, ColName, key, rec.name)
	}
	p.pharmacies = append(p.pharmacies, rec)
}

// citizenName reads the Navn column, or without one joins Fornavn,
// Mellemnavn and Efternavn ("Karen Marie" + "Jensen" → "Karen Marie
// Jensen"); a row with none of them is reported on Efternavn.
func (c *rowCheck) citizenName() string {
	if _, ok := c.l.index[ColName]; ok {
		return strings.Join(strings.Fields(c.required(ColName)), " ")
	}
	var parts []string
	for _, key := range []string{ColFirstName, ColMiddleName, ColLastName} {
		if v, ok := c.optional(key); ok {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		v, _ := c.l.cell(c.r, ColLastName)
		c.problem(ColLastName, v, because("err.import.surname_missing"))
		return ""
	}
	name := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
	if err := workflow.CheckText(i18n.Key("err.field.name"), name, workflow.TextName); err != nil {
		v, _ := c.l.cell(c.r, ColLastName)
		c.problem(ColLastName, v, because("err.import.name_too_long"))
		return ""
	}
	return name
}

// cellOr returns the row's cell in key, or the --municipality value.
func (c *rowCheck) cellOr(key string, o Options) string {
	if v, ok := c.optional(key); ok {
		return v
	}
	if o.Municipality != 0 {
		return strconv.Itoa(o.Municipality)
	}
	return ""
}
