package workflow

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Calendar returns the pharmacy's opening calendar: weekends, public
// holidays, its recurring extra closing days and its one-off closed dates.
func (p Pharmacy) Calendar() calendar.Calendar {
	return calendar.New(p.ExtraClosingDays, p.ClosedDates)
}

// ParseClosingDays reads recurring closing days written "dd-mm,dd-mm" (the
// pharmacy setting; "24-12,31-12,05-06" by default). Names come from the
// calendar's defaults where the date matches one.
func ParseClosingDays(s string) ([]calendar.ClosingDay, error) {
	var out []calendar.ClosingDay
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		d, m, ok := strings.Cut(part, "-")
		day, err1 := strconv.Atoi(d)
		month, err2 := strconv.Atoi(m)
		if !ok || err1 != nil || err2 != nil || month < 1 || month > 12 || day < 1 || day > 31 {
			return nil, Invalid("err.pharmacy.closing_day_format", part)
		}
		// Any year's day: 29-02 is a closing day in leap years.
		if day > calendar.NewDate(2024, time.Month(month)+1, 0).Day() {
			return nil, Invalid("err.pharmacy.closing_day_no_such_day", part)
		}
		cd := calendar.ClosingDay{Month: time.Month(month), Day: day, NameDA: "lukkedag", NameEN: "closing day"}
		for _, def := range calendar.DefaultExtraClosingDays() {
			if def.Month == cd.Month && def.Day == cd.Day {
				cd = def
			}
		}
		out = append(out, cd)
	}
	return out, nil
}

// FormatClosingDays writes closing days in the "dd-mm,dd-mm" setting form.
func FormatClosingDays(days []calendar.ClosingDay) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = fmt.Sprintf("%02d-%02d", d.Day, int(d.Month))
	}
	return strings.Join(parts, ",")
}
