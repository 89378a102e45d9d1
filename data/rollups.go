package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// The report's figures are kept as rollups (table rollups): sums per
// metric, municipality, key and Danish day, changed in the same transaction
// as the rows they summarise (docs/reports.md). A row is a delta: the figure
// at the end of day D is the sum of n over day <= D; a figure of a period is
// the sum over its days. Two-day metrics also carry day2 (the day a stage
// was reached or a GP decided) so "by the period end" is day2 <= To.
//
// Every metric, what its key holds, its day (and day2) and what n counts:
const (
	// mState: key a case state (active or paused, the ones the report
	// counts); day of the audit event; +1 entering, -1 leaving.
	mState = "state"
	// mActive75: active cases of citizens aged 75 or more: day max(event
	// day, 75th birthday); +1 entering active, -1 leaving.
	mActive75 = "active75"
	// mEligible: cases whose latest assessment is eligible; day of the assessment.
	mEligible = "eligible"
	// mPotential: eligible cases open and not yet active or paused.
	mPotential = "potential"
	// mOpened: cases opened; day opened.
	mOpened = "opened"
	// mStage: key a funnel stage; day the case opened, day2 the day it first reached the stage.
	mStage = "stage"
	// mStageDays: key "from>to|days" (whole days between the first
	// occurrences); day opened, day2 the later of the two days.
	mStageDays = "stage_days"
	// mStarts: start events; day of the event.
	mStarts = "starts"
	// mReason: cases closed (declined, rejected, ended); key "state|reason"; day closed.
	mReason = "reason"
	// mRolls, mRollDays: roll periods dispensed or received; key pharmacy;
	// day the period starts; n 1 or the period's length in days.
	mRolls    = "rolls"
	mRollDays = "roll_days"
	// mRollCases: cases with a dispensed or received period starting in a
	// month; day the first such period of the month starts.
	mRollCases = "roll_cases"
	// mUrgent, mUrgentDelivered, mUrgentOnTime: urgent rolls requested,
	// delivered, delivered no later than promised; key pharmacy; day requested.
	mUrgent          = "urgent"
	mUrgentDelivered = "urgent_delivered"
	mUrgentOnTime    = "urgent_on_time"
	// mLeadHours: key "pharmacy|hours" from request to delivery; day requested.
	mLeadHours = "lead_hours"
	// mDeviations: receipt deviations; key pharmacy; day recorded;
	// municipality the case's.
	mDeviations = "deviations"
	// mGPRequests: GP requests; key the kind (gpFirst: a first proposal,
	// gpRenewal: a renewal of an approved prescription); day requested.
	mGPRequests = "gp_requests"
	// mGPDecision: key "kind|decision"; day requested, day2 day decided.
	mGPDecision = "gp_decision"
	// mGPDays: key "kind|days" (whole days from request to decision); day
	// requested, day2 day decided.
	mGPDays = "gp_days"
	// mHelp: citizens with medicine help as registered now; day their 75th
	// birthday (all of them: medicine help; day <= To: aged 75 or more).
	mHelp = "help"
	// mPromiseHours: key "pharmacy|hours" from request to promised_by; day requested.
	mPromiseHours = "promise_hours"
	// mVersions: assessments; key the rule set "id vN"; day assessed.
	mVersions = "versions"
	// mConsents: consents recorded; key consentIn or consentOut (the
	// recorder is not in the citizen's daily care); day recorded.
	mConsents = "consents"
	// mOpenedBy: cases opened; key the actor of the open event; day opened.
	// Read as a histogram of cases per recorder; no actor leaves the source.
	mOpenedBy = "opened_by"
)

// The keys of mGPRequests (and the kind part of mGPDecision and mGPDays)
// and of mConsents.
const (
	gpFirst    = "first"
	gpRenewal  = "renewal"
	consentIn  = "in"
	consentOut = "out"
)

// rollupKey identifies one rollup row.
type rollupKey struct {
	Metric       string
	Municipality int
	Key          string
	Day, Day2    int
}

// rollupDeltas collects the changes of one transaction (or a rebuild),
// summed per row.
type rollupDeltas map[rollupKey]int64

// add adds n to a row. A one-day metric (day2 0) is also added to its
// month row (metric@m, day the month's first) and, for a stock, its year
// row (metric@y, day the 1st of January) and its total (metric@t, day 0:
// every day's rows added up), so a report sums whole months and years in
// one row each (spans) instead of a row per day, and reads a stock whose
// rows all lie in the past as its total less the few days after the
// period (asOfTotal). A two-day metric is also added to
// its month-by-month row (metric@m: both days the firsts of their months)
// and its month-by-day row (metric@md: day the first of its month, day2
// kept), so a report over whole months reads month rows, and a period
// ending inside a month reads the month-by-day rows of that month only. A
// metric whose report figure does not name the municipality (national) is
// also added under municipality 0 (all of them).
func (d rollupDeltas) add(metric string, muni int, key string, day, day2 int, n int64) {
	if n == 0 {
		return
	}
	if national[metric] && muni != 0 {
		d.add(metric, 0, key, day, day2, n)
	}
	d.add1(rollupKey{metric, muni, key, day, day2}, n)
	if twoDay[metric] {
		d.add1(rollupKey{metric + levelMonth, muni, key, monthStart(day), monthStart(day2)}, n)
		d.add1(rollupKey{metric + levelMonthDay, muni, key, monthStart(day), day2}, n)
		return
	}
	d.add1(rollupKey{metric + levelMonth, muni, key, monthStart(day), 0}, n)
	if stock[metric] {
		t := numDate(day)
		d.add1(rollupKey{metric + levelYear, muni, key, dateNum(calendar.NewDate(t.Year(), time.January, 1)), 0}, n)
		d.add1(rollupKey{metric + levelTotal, muni, key, 0, 0}, n)
	}
}

// stock lists the metrics read as a state at a day's end (the sum of every
// row up to it, years of history, 75th birthdays a century back): only
// they have year and total rows. A count in a period reads day and month
// rows.
var stock = map[string]bool{mState: true, mActive75: true, mEligible: true, mPotential: true, mHelp: true}

// monthStart is the day number of the first of day's month.
func monthStart(day int) int {
	t := numDate(day)
	return dateNum(calendar.NewDate(t.Year(), t.Month(), 1))
}

func (d rollupDeltas) add1(k rollupKey, n int64) {
	if v := d[k] + n; v != 0 {
		d[k] = v
	} else {
		delete(d, k)
	}
}

// The suffixes of the month, year and total rows of a one-day metric and
// the month-by-day rows of a two-day one.
const (
	levelMonth    = "@m"
	levelYear     = "@y"
	levelTotal    = "@t"
	levelMonthDay = "@md"
)

// twoDay lists the metrics with a second day.
var twoDay = map[string]bool{mStage: true, mStageDays: true, mGPDecision: true, mGPDays: true}

// national lists the metrics whose report figure adds up every
// municipality in the filter (a histogram over stage pairs, the closing
// reasons): they also have rows under municipality 0, so the national
// report reads one row where it would read one per municipality.
var national = map[string]bool{mStageDays: true, mReason: true}

// span is a range of rows of one level: days lo..hi (both included) of
// metric+level.
type span struct {
	level  string
	lo, hi int
}

// spans splits the days a..b into the fewest day, month and year ranges:
// the days up to the first whole month, the whole months up to the first
// whole year, the whole years, then months and days again (years only
// when withYears).
func spans(a, b int, withYears bool) []span {
	var out []span
	push := func(level string, lo, hi int) {
		if n := len(out); n > 0 && out[n-1].level == level && out[n-1].hi+1 == lo {
			out[n-1].hi = hi
			return
		}
		out = append(out, span{level, lo, hi})
	}
	for cur := a; cur <= b; {
		t := numDate(cur)
		nextYear, nextMonth := dateNum(t.AddYears(1)), dateNum(t.AddMonths(1))
		switch {
		case withYears && t.Month() == time.January && t.Day() == 1 && nextYear-1 <= b:
			push(levelYear, cur, nextYear-1)
			cur = nextYear
		case t.Day() == 1 && nextMonth-1 <= b:
			push(levelMonth, cur, nextMonth-1)
			cur = nextMonth
		default:
			end := min(b, dateNum(calendar.NewDate(t.Year(), t.Month()+1, 1))-1)
			push("", cur, end)
			cur = end + 1
		}
	}
	return out
}

// sorted returns the keys in the primary key's order (metric, day,
// municipality, key, day2): concurrent PostgreSQL transactions lock the
// rows they share in the same order (no deadlock), and a rebuild's batches
// walk the B-tree forwards instead of jumping about in it.
func (d rollupDeltas) sorted() []rollupKey {
	ks := make([]rollupKey, 0, len(d))
	for k := range d {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b rollupKey) int {
		switch {
		case a.Metric != b.Metric:
			return strings.Compare(a.Metric, b.Metric)
		case a.Day != b.Day:
			return a.Day - b.Day
		case a.Municipality != b.Municipality:
			return a.Municipality - b.Municipality
		case a.Key != b.Key:
			return strings.Compare(a.Key, b.Key)
		}
		return a.Day2 - b.Day2
	})
	return ks
}

// rollupBatch is the most rows one upsert statement carries (7 arguments
// a row, far below both engines' limits).
const rollupBatch = 500

// apply adds the deltas to the rollups table: one upsert per batch.
func (d rollupDeltas) apply(ctx context.Context, q bun.IDB) error {
	return d.applyTo(ctx, q, "rollups")
}

// applyTo adds the deltas to table (rollups, or verify's recomputation).
func (d rollupDeltas) applyTo(ctx context.Context, q bun.IDB, table string) error {
	ks := d.sorted()
	for len(ks) > 0 {
		n := min(len(ks), rollupBatch)
		var sb strings.Builder
		args := make([]any, 0, 7*n)
		sb.WriteString("INSERT INTO " + table + " (metric, municipality_code, key, day, day2, month, n) VALUES ")
		for i, k := range ks[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, k.Metric, k.Municipality, k.Key, k.Day, k.Day2, monthOf(k.Day), d[k])
		}
		sb.WriteString(" ON CONFLICT (metric, day, municipality_code, key, day2) DO UPDATE SET n = " + table + ".n + excluded.n")
		if _, err := q.NewRaw(sb.String(), args...).Exec(ctx); err != nil {
			return fmt.Errorf("update rollups: %w", err)
		}
		ks = ks[n:]
	}
	return nil
}

// epoch is day number 0.
var epoch = calendar.NewDate(1970, time.January, 1)

// dayOf is the number of the Danish day of the instant t.
func dayOf(t time.Time) int { return dateNum(calendar.DayOf(t)) }

// dateNum is the number of a civil date.
func dateNum(d calendar.Date) int { return d.Sub(epoch) }

// numDate is the civil date of a day number.
func numDate(n int) calendar.Date { return epoch.AddDays(n) }

// monthOf is yyyymm of a day number.
func monthOf(n int) int {
	d := numDate(n)
	return d.Year()*100 + int(d.Month())
}

// turns75 is the day number from which a citizen born on birth counts as
// aged 75 or more (the report's test: born no later than the period's last
// day 75 years back), so 29 February counts from 1 March.
func turns75(birth calendar.Date) int {
	return dateNum(calendar.NewDate(birth.Year()+75, birth.Month(), birth.Day()))
}

// rolledStatus reports whether a roll period in status s counts as time on
// DD (dispensed or received), as the report's figures count it.
func rolledStatus(s string) bool {
	return s == string(workflow.PeriodDispensed) || s == string(workflow.PeriodReceived)
}

// sqlMillis is the instant t in milliseconds as SQLite's date functions
// read a stored timestamp: rounded half up, at most .999 of its second
// (the report's SQL counts whole days and hours from these on both engines).
func sqlMillis(t time.Time) int64 {
	return t.Unix()*1000 + int64(min(999, (t.Nanosecond()+500_000)/1_000_000))
}

// wholeUnits is the whole units (days, hours) from a to b, as the report's
// SQL counts them (ReportSource.wholeUnits).
func wholeUnits(a, b time.Time, unit time.Duration) int {
	return int((sqlMillis(b) - sqlMillis(a)) / unit.Milliseconds())
}
