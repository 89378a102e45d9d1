package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun"
)

// txRollups is the rollup bookkeeping of one workflow transaction: the
// deltas so far and what the transaction has read of the cases and urgent
// rolls it changes. Transact writes the deltas just before it commits.
type txRollups struct {
	deltas rollupDeltas
	cases  map[string]*caseTrack
	births map[string]calendar.Date // citizen id -> birth date, from Citizen reads
	urgent map[string]urgentRollRow
}

func (t *txStore) rollups() *txRollups {
	if t.ru == nil {
		t.ru = &txRollups{deltas: rollupDeltas{}, cases: map[string]*caseTrack{},
			births: map[string]calendar.Date{}, urgent: map[string]urgentRollRow{}}
	}
	return t.ru
}

// flushRollups writes the transaction's deltas (one statement per 500 rows),
// then moves on the report versions of their municipalities (last: the
// row locks are held until the commit).
func (t *txStore) flushRollups(ctx context.Context) error {
	if t.ru == nil || len(t.ru.deltas) == 0 {
		return nil
	}
	if err := t.sql().upsert(ctx, t.ru.deltas); err != nil {
		return err
	}
	return t.sql().bumpVersions(ctx, t.ru.deltas.municipalities())
}

// trackFrom keeps what the snapshot read of a case for its rollups.
func (t *txStore) trackFrom(r snapshotRow) {
	ru := t.rollups()
	if c, ok := ru.cases[r.ID]; ok {
		c.row = r.caseRow // a second snapshot in the same transaction: the row as updated
		return
	}
	ru.cases[r.ID] = &caseTrack{muni: r.Municipality, citizen: r.CitizenID, opened: dayOf(r.OpenedAt), b75: turns75(r.BirthDate),
		state: r.State, eligible: r.Outcome != nil && *r.Outcome == "eligible", row: r.caseRow}
}

// track returns the case's track, reading the case if the transaction has
// not (a write without a snapshot).
func (t *txStore) track(ctx context.Context, caseID string) (*caseTrack, error) {
	if c, ok := t.rollups().cases[caseID]; ok {
		return c, nil
	}
	if _, err := t.snapshot(ctx, workflow.Scope{All: true}, caseID, time.Now()); err != nil {
		return nil, fmt.Errorf("rollups: %w", err)
	}
	return t.rollups().cases[caseID], nil
}

// loadFirst reads the first time of each funnel event of the case, before
// the transaction adds its own event: the case's funnel events are a
// handful of rows, read by the index on (case_id, seq) with no sort.
func (t *txStore) loadFirst(ctx context.Context, caseID string, c *caseTrack) error {
	if c.firstLoaded {
		return nil
	}
	rows, err := t.sql().query(ctx, qFirstEvents, caseID)
	if err != nil {
		return fmt.Errorf("rollups: first events of case %s: %w", caseID, err)
	}
	defer rows.Close()
	c.first = map[string]time.Time{}
	for rows.Next() {
		var event, to string
		var at dbTime
		if err := rows.Scan(&event, &to, &at); err != nil {
			return fmt.Errorf("rollups: first events of case %s: %w", caseID, err)
		}
		c.keepFirst(event, at.T)
		if event == string(workflow.EventAssess) && to == string(workflow.StateAwaitingConsent) {
			c.keepFirst(stageEligible, at.T)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rollups: first events of case %s: %w", caseID, err)
	}
	c.firstLoaded = true
	return nil
}

// rollupCaseInserted counts a new case.
func (t *txStore) rollupCaseInserted(ctx context.Context, c workflow.Case) error {
	ru := t.rollups()
	birth, ok := ru.births[c.CitizenID]
	if !ok {
		if err := t.tx.NewSelect().Table("citizens").Column("birth_date").Where("id = ?", c.CitizenID).Scan(ctx, &birth); err != nil {
			return fmt.Errorf("rollups: birth date of the case's citizen: %w", err)
		}
	}
	row := caseRowFrom(c)
	ru.cases[c.ID] = &caseTrack{muni: c.Municipality, citizen: c.CitizenID, opened: dayOf(c.OpenedAt), b75: turns75(birth),
		state: "", row: row, first: map[string]time.Time{}, firstLoaded: true}
	ru.deltas.add(mOpened, c.Municipality, "", dayOf(c.OpenedAt), 0, 1)
	reasonOf(ru.deltas, row, 1)
	return nil
}

// rollupCaseUpdated moves the closing reason from the stored row to the
// new one and returns the stored row.
func (t *txStore) rollupCaseUpdated(ctx context.Context, c workflow.Case) (caseRow, error) {
	tr, err := t.track(ctx, c.ID)
	if err != nil {
		return caseRow{}, err
	}
	stored := tr.row
	d := t.rollups().deltas
	reasonOf(d, stored, -1)
	tr.row = caseRowFrom(c)
	reasonOf(d, tr.row, 1)
	return stored, nil
}

func (t *txStore) rollupAudit(ctx context.Context, e workflow.AuditEvent) error {
	tr, err := t.track(ctx, e.CaseID)
	if err != nil {
		return err
	}
	if funnelEvent(string(e.Event)) {
		if err := t.loadFirst(ctx, e.CaseID, tr); err != nil {
			return err
		}
	}
	d := t.rollups().deltas
	if e.Event == workflow.EventOpen {
		d.add(mOpenedBy, tr.muni, e.Actor, dayOf(e.At), 0, 1)
	}
	tr.onAudit(d, e.At, string(e.Event), string(e.FromState), string(e.ToState))
	return nil
}

func (t *txStore) rollupAssessment(ctx context.Context, a workflow.Assessment) error {
	tr, err := t.track(ctx, a.CaseID)
	if err != nil {
		return err
	}
	d := t.rollups().deltas
	d.add(mVersions, tr.muni, versionKey(a.RuleSetID, a.RuleSetVersion), dayOf(a.AssessedAt), 0, 1)
	tr.onAssessment(d, a.AssessedAt, a.Outcome)
	return nil
}

// versionKey is the rule-set key of an assessment, as the report names it.
func versionKey(id, version string) string { return id + " v" + version }

func (t *txStore) rollupConsent(ctx context.Context, c workflow.Consent) error {
	tr, err := t.track(ctx, c.CaseID)
	if err != nil {
		return err
	}
	t.rollups().deltas.add(mConsents, tr.muni, consentKey(c.RecorderInDailyCare), dayOf(c.RecordedAt), 0, 1)
	return nil
}

// consentKey is the mConsents key of a consent by whether its recorder is
// in the citizen's daily care.
func consentKey(inDailyCare bool) string {
	if inDailyCare {
		return consentIn
	}
	return consentOut
}

// gpRequests reads the case's GP requests as they are now.
func (t *txStore) gpRequests(ctx context.Context, caseID string) ([]gpRec, error) {
	rows, err := t.sql().query(ctx, qGPRequests, caseID)
	if err != nil {
		return nil, fmt.Errorf("rollups: the case's GP requests: %w", err)
	}
	defer rows.Close()
	var gs []gpRec
	for rows.Next() {
		g := gpRec{CaseID: caseID}
		var requested, decided dbTime
		var decision sql.NullString
		if err := rows.Scan(&g.ID, &requested, &decided, &decision); err != nil {
			return nil, fmt.Errorf("rollups: the case's GP requests: %w", err)
		}
		g.Requested, g.Decided, g.Decision = requested.T, decided.ptr(), decision.String
		gs = append(gs, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rollups: the case's GP requests: %w", err)
	}
	return gs, nil
}

// rollupGPChange counts the case's GP requests out as they were and in as
// they are after the change: write changes the table, and after returns
// the requests as write leaves them (so the table is read once).
func (t *txStore) rollupGPChange(ctx context.Context, caseID string, write func() error, after func([]gpRec) []gpRec) error {
	tr, err := t.track(ctx, caseID)
	if err != nil {
		return err
	}
	before, err := t.gpRequests(ctx, caseID)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	d := t.rollups().deltas
	gpCaseOf(d, tr.muni, before, -1)
	gpCaseOf(d, tr.muni, after(slices.Clone(before)), 1)
	return nil
}

// rollupPeriod counts a roll period's change of status: its rolls and days,
// and the case-month count when the period is the case's first rolled one
// in its month (or stops being so). p holds the period as stored before the
// change; the other periods of the case are read as they are now.
func (t *txStore) rollupPeriod(ctx context.Context, p periodRollup, from, to string) error {
	was, is := rolledStatus(from), rolledStatus(to)
	if was == is {
		return nil
	}
	d := t.rollups().deltas
	n := b2i(is) - b2i(was)
	rollOf(d, p.Municipality, p.PharmacyID, p.StartDate, p.LengthDays, string(workflow.PeriodDispensed), n)
	start := p.StartDate
	m0 := calendar.NewDate(start.Year(), start.Month(), 1)
	var other struct {
		N     int            `bun:"n"`
		First *calendar.Date `bun:"first"`
	}
	err := t.tx.NewRaw(`SELECT COUNT(*) AS n, MIN(start_date) AS first FROM roll_periods
WHERE case_id = ? AND id <> ? AND status IN ('dispensed', 'received') AND start_date >= ? AND start_date < ?`,
		p.CaseID, p.ID, m0, m0.AddMonths(1)).Scan(ctx, &other)
	if err != nil {
		return fmt.Errorf("rollups: the case's other rolls in the month: %w", err)
	}
	day := dateNum(start)
	if other.N == 0 || other.First == nil {
		d.add(mRollCases, p.Municipality, "", day, 0, n)
		return nil
	}
	if first := dateNum(*other.First); day < first {
		// this period is (or was) the month's first: the case counts on its day
		d.add(mRollCases, p.Municipality, "", day, 0, n)
		d.add(mRollCases, p.Municipality, "", first, 0, -n)
	}
	return nil
}

// periodRollup is what a roll period's update returns for its rollups.
type periodRollup struct {
	ID           int64         `bun:"id"`
	CaseID       string        `bun:"case_id"`
	PharmacyID   string        `bun:"pharmacy_id"`
	Municipality int           `bun:"municipality_code"`
	StartDate    calendar.Date `bun:"start_date"`
	LengthDays   int           `bun:"length_days"`
}

// rollupUrgentUpdated moves an urgent roll's counts from its stored row to u.
func (t *txStore) rollupUrgentUpdated(ctx context.Context, u workflow.UrgentRoll) error {
	old, ok := t.rollups().urgent[u.ID]
	if !ok {
		if err := t.tx.NewSelect().Model(&old).Where("u.id = ?", u.ID).Scan(ctx); err != nil {
			return fmt.Errorf("rollups: urgent roll %s: %w", u.ID, err)
		}
	}
	d := t.rollups().deltas
	urgentOf(d, old.Municipality, old.PharmacyID, old.RequestedAt.UTC(), old.PromisedBy.UTC(), utcPtr(old.DeliveredAt), -1)
	nw := urgentRowFrom(u)
	urgentOf(d, nw.Municipality, nw.PharmacyID, nw.RequestedAt.UTC(), nw.PromisedBy.UTC(), utcPtr(nw.DeliveredAt), 1)
	t.rollups().urgent[u.ID] = nw
	return nil
}

func (t *txStore) rollupDeviations(ctx context.Context, ds []workflow.Deviation) error {
	for _, dv := range ds {
		tr, err := t.track(ctx, dv.CaseID)
		if err != nil {
			return err
		}
		t.rollups().deltas.add(mDeviations, tr.muni, dv.PharmacyID, dayOf(dv.RecordedAt), 0, 1)
	}
	return nil
}

// moveRollups keeps the rollups in step with a citizen's move to
// municipality to (move does it): the report counts a case under its
// municipality, so the open case's rows (its whole history, and its roll
// periods and urgent rolls as they move) are recomputed before and after
// and the difference applied; the citizen's medicine help moves too.
func moveRollups(ctx context.Context, tx bun.Tx, pg bool, c citizenRow, to int, move func() error) error {
	var open []string
	q := tx.NewSelect().Table("cases").Column("id").Where("citizen_id = ? AND closed_at IS NULL", c.ID)
	if pg {
		// Locked before the rows are counted out: a transition of the case
		// (which locks it at its snapshot) commits before this reads them
		// or waits until the move commits, so none is counted twice.
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx, &open); err != nil {
		return fmt.Errorf("rollups: the citizen's open case: %w", err)
	}
	d := rollupDeltas{}
	caseRows := func(n int64) error {
		for _, id := range open {
			if err := recompute(ctx, tx, pg, id, func(x rollupDeltas) error {
				for k, v := range x {
					d.add1(k, n*v)
				}
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := caseRows(-1); err != nil {
		return err
	}
	if err := move(); err != nil {
		return err
	}
	if err := caseRows(1); err != nil {
		return err
	}
	if c.MedicineHelp {
		d.add(mHelp, c.Municipality, "", turns75(c.BirthDate), 0, -1)
		d.add(mHelp, to, "", turns75(c.BirthDate), 0, 1)
	}
	if err := d.apply(ctx, tx); err != nil {
		return err
	}
	return bumpVersions(ctx, tx, []int{c.Municipality, to})
}
