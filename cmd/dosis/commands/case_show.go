package commands

import (
	"github.com/dosis-dk/dosis/i18n"

	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/urfave/cli/v2"
)

// timelineEntry is one line of a case's timeline.
type timelineEntry struct {
	At   time.Time `json:"at"`
	What string    `json:"what"`
	By   string    `json:"by"`
}

func (e *env) caseShowCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show a case with its timeline (the view is logged)",
		ArgsUsage: "CASE-ID",
		Action: e.withDB(func(c *cli.Context, db *data.DB) error {
			id, err := caseArg(c)
			if err != nil {
				return err
			}
			d, err := db.CaseDetail(c.Context, e.actor(c), id, "cli.case.show", e.now())
			if err != nil {
				return err
			}
			people, err := db.People(c.Context, actorIDs(d))
			if err != nil {
				return err
			}
			tl := timeline(d, people)
			if c.Bool("json") {
				return e.json(struct {
					data.CaseDetail
					Timeline []timelineEntry
				}{d, tl})
			}
			if err := e.fields(c, nil, "case", d.Case.ID, "citizen", d.Citizen.Name+" ("+formatCPR(d.Citizen.CPR)+")",
				"municipality", strconv.Itoa(d.Case.Municipality), "state", string(d.Case.State)+" ("+d.Case.State.Label(i18n.English)+")",
				"version", strconv.Itoa(d.Case.Version), "opened", stamp(d.Case.OpenedAt)); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "\ntimeline:")
			rows := make([][]string, len(tl))
			for i, t := range tl {
				rows[i] = []string{stamp(t.At), t.What, t.By}
			}
			if err := e.table(c, nil, []string{"WHEN", "WHAT", "BY"}, rows); err != nil {
				return err
			}
			var open [][]string
			for _, r := range d.Reminders {
				if r.DoneAt == nil {
					open = append(open, []string{day(r.DueAt), r.Kind})
				}
			}
			if len(open) > 0 {
				fmt.Fprintln(e.stdout, "\nopen reminders:")
				return e.table(c, nil, []string{"DUE", "KIND"}, open)
			}
			return nil
		}),
	}
}

// actorIDs lists who acted on the case, for one lookup of the people.
func actorIDs(d data.CaseDetail) []string {
	var ids []string
	for _, a := range d.Audit {
		ids = append(ids, a.Actor)
	}
	for _, as := range d.Assessments {
		ids = append(ids, as.AssessedBy)
	}
	for _, cn := range d.Consents {
		ids = append(ids, cn.RecordedBy, cn.WithdrawnRecordedBy)
	}
	for _, r := range d.GPRequests {
		ids = append(ids, r.RequestedBy)
	}
	return ids
}

// timeline merges the audit trail with the consent, assessment and GP
// records into one list in time order. BY names a user as the web does
// (workflow.People.Who), with the username the operator types after it.
func timeline(d data.CaseDetail, people workflow.People) []timelineEntry {
	by := func(id string, role workflow.Role) string {
		who := people.Who(id, role, i18n.English)
		if _, ok := people[id]; ok {
			who += " [" + id + "]"
		}
		return who
	}
	var tl []timelineEntry
	for _, a := range d.Audit {
		what := fmt.Sprintf("%s: %s → %s", a.Event, a.FromState, a.ToState)
		if a.FromState == "" {
			what = fmt.Sprintf("%s → %s", a.Event, a.ToState)
		}
		if a.Reason != "" {
			what += " (" + a.Reason + ")"
		}
		if a.Note != "" {
			what += " – " + a.Note
		}
		tl = append(tl, timelineEntry{At: a.At, What: what, By: by(a.Actor, a.ActorRole)})
	}
	for _, as := range d.Assessments {
		tl = append(tl, timelineEntry{At: as.AssessedAt, What: fmt.Sprintf("eligibility %s under rule set %s %s",
			as.Outcome, as.RuleSetID, as.RuleSetVersion), By: by(as.AssessedBy, "")})
	}
	for _, cn := range d.Consents {
		who := cn.GivenBy
		if cn.GiverName != "" {
			who += " " + cn.GiverName
		}
		care := "not in daily care"
		if cn.RecorderInDailyCare {
			care = "in daily care"
		}
		tl = append(tl, timelineEntry{At: cn.RecordedAt, What: fmt.Sprintf("consent %s by %s on %s (recorder %s)",
			cn.Method, who, cn.GivenOn.Format(), care), By: by(cn.RecordedBy, "")})
		if cn.WithdrawnAt != nil {
			tl = append(tl, timelineEntry{At: *cn.WithdrawnAt, What: "consent withdrawn " + cn.WithdrawalNote, By: by(cn.WithdrawnRecordedBy, "")})
		}
	}
	for _, r := range d.GPRequests {
		tl = append(tl, timelineEntry{At: r.RequestedAt, What: "request sent to GP " + r.GPID, By: by(r.RequestedBy, "")})
		if r.DecidedAt != nil {
			what := "GP " + r.Decision
			if r.DecisionReason != "" {
				what += " (" + r.DecisionReason + ")"
			}
			if !r.PrescriptionExpires.IsZero() {
				what += ", prescription until " + r.PrescriptionExpires.Format()
			}
			tl = append(tl, timelineEntry{At: *r.DecidedAt, What: what})
		}
	}
	sort.SliceStable(tl, func(i, j int) bool { return tl[i].At.Before(tl[j].At) })
	return tl
}
