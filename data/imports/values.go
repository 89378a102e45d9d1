package imports

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data/refdata"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/dosis-dk/dosis/workflow/cpr"
)

// reason says, in Danish and English, why a value was not accepted.
type reason struct{ da, en string }

// because is the reason of the catalogue's key (err.import.*) with its
// values, in both languages (a Problem keeps both).
func because(key string, args ...any) *reason {
	return &reason{i18n.Tf(i18n.Danish, key, args...), i18n.Tf(i18n.English, key, args...)}
}

// parseBool reads ja/nej as offices write it: ja, j, x, 1, yes, true, sand
// and nej, n, 0, no, false, falsk (any case).
func parseBool(s string) (bool, *reason) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "j", "x", "1", "yes", "y", "true", "sand":
		return true, nil
	case "nej", "n", "0", "no", "false", "falsk", "-":
		return false, nil
	}
	return false, because("err.import.not_yes_no")
}

// parseNumber reads a number with a Danish decimal comma ("1.234,5") or,
// without a comma, a decimal point as Excel writes raw values ("14.0").
func parseNumber(s string) (float64, *reason) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	switch {
	case strings.Contains(t, ","):
		t = strings.ReplaceAll(t, ".", "")
		t = strings.Replace(t, ",", ".", 1)
	case strings.Count(t, ".") > 1:
		t = strings.ReplaceAll(t, ".", "")
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(t, "eExXpP_") {
		return 0, because("err.import.not_number")
	}
	return f, nil
}

// parseWhole reads a whole number within [lo, hi]; "14,0" is 14.
func parseWhole(s string, lo, hi int) (int, *reason) {
	f, r := parseNumber(s)
	if r != nil {
		return 0, r
	}
	if f != math.Trunc(f) {
		return 0, because("err.import.not_whole_number")
	}
	if f < float64(lo) || f > float64(hi) {
		return 0, because("err.import.out_of_range", lo, hi)
	}
	return int(f), nil
}

// parseMunicipality reads a 3-digit municipality code, or a municipality's
// name as offices write it ("Aalborg", "Københavns Kommune",
// refdata.MunicipalityByName); whether a code exists is checked against
// the database later.
func parseMunicipality(s string) (int, *reason) {
	n, r := parseWhole(s, 100, 999)
	if r == nil {
		return n, nil
	}
	if m, ok, err := refdata.MunicipalityByName(s); err == nil && ok {
		return m.Code, nil
	}
	return 0, because("err.import.municipality_format")
}

// parseDate reads dd-mm-yyyy (also dd.mm.yyyy, dd/mm/yyyy and yyyy-mm-dd)
// and, from Excel, a date serial number.
func parseDate(s string, excel bool) (calendar.Date, *reason) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "/", "-")
	if excel && len(t) == 5 && strings.Trim(t, "0123456789") == "" {
		n, _ := strconv.Atoi(t)
		// Day 0 of Excel's date serial numbers is 30 December 1899.
		return calendar.NewDate(1899, time.December, 30).AddDays(n), nil
	}
	d, err := calendar.ParseDate(t)
	if err != nil {
		return calendar.Date{}, because("err.import.date_format")
	}
	return d, nil
}

// parseCPR reads a CPR number. A leading zero dropped by a spreadsheet
// ("10145-1236", "101451236") is put back, with a warning.
func parseCPR(s string) (cpr.Number, []*reason, *reason) {
	t := strings.TrimSpace(s)
	var warnings []*reason
	digits := strings.Trim(t, "0123456789") == ""
	if (digits && len(t) == 9) || (len(t) == 10 && strings.IndexByte(t, '-') == 5) {
		t = "0" + t
		warnings = append(warnings, because("err.import.leading_zero"))
	}
	n, err := cpr.Parse(t)
	if err != nil {
		da, en := "skriv DDMMÅÅ-SSSS eller DDMMÅÅSSSS", err.Error()
		if pe := (*cpr.ParseError)(nil); errors.As(err, &pe) {
			da, en = pe.Danish(), pe.English()
		}
		return cpr.Number{}, nil, &reason{"er ikke et gyldigt CPR-nummer (" + da + "); de seks første cifre skal være en dato",
			"is not a valid CPR number: " + en}
	}
	for _, w := range n.Warnings() {
		// Each of cpr's warnings is "Danish / English".
		da, en, ok := strings.Cut(w, " / ")
		if !ok {
			en = da
		}
		warnings = append(warnings, &reason{da, en})
	}
	return n, warnings, nil
}

// parseYdernummer reads a GP's ydernummer: digits only, at most 6; leading
// zeros dropped by a spreadsheet are put back ("12345" → "012345").
func parseYdernummer(s string) (string, *reason) {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 6 || strings.Trim(t, "0123456789") != "" {
		return "", because("err.import.ydernummer_format")
	}
	return strings.Repeat("0", 6-len(t)) + t, nil
}
