package web

import (
	"github.com/dosis-dk/dosis/i18n"

	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// timelineItem is one line of a case's timeline.
type timelineItem struct {
	At    time.Time
	What  string
	Text  string
	Actor string
}

// timeline merges the audit trail, consents, assessments and GP requests of
// a case into one list, oldest first; people names the actors.
func (app *App) timeline(d data.CaseDetail, people workflow.People, lang i18n.Lang) []timelineItem {
	t := func(key string) string { return app.msgs.get(lang, key) }
	who := func(id string, role workflow.Role) string { return people.Who(id, role, lang) }
	var out []timelineItem
	for _, e := range d.Audit {
		var parts []string
		switch {
		case e.Event == workflow.EventCitizenMove:
			parts = append(parts, movedText(e.Reason))
		case e.FromState == "":
			parts = append(parts, e.ToState.Label(lang))
		case e.FromState != e.ToState:
			parts = append(parts, e.FromState.Label(lang)+" → "+e.ToState.Label(lang))
			// An action that keeps the state (a new GP, an extended period,
			// a renewal) says what it did, not "Aktiv → Aktiv".
		}
		if r, ok := workflow.ReasonFor(e.Event, e.Reason); ok {
			parts = append(parts, lang.Pick(r.LabelDA, r.LabelEN))
		}
		if e.Note != "" && e.Event != workflow.EventOpen {
			parts = append(parts, e.Note)
		}
		out = append(out, timelineItem{At: e.At, What: t("event." + string(e.Event)), Text: strings.Join(parts, " · "), Actor: who(e.Actor, e.ActorRole)})
	}
	for _, c := range d.Consents {
		text := t("consent."+c.GivenBy) + " · " + t("consent."+c.Method) + " · " + c.GivenOn.Format()
		if c.GiverName != "" {
			text += " · " + c.GiverName
		}
		if c.RecorderInDailyCare {
			text += " · " + t("consent.daily_care")
		}
		out = append(out, timelineItem{At: c.RecordedAt, What: t("consent.recorded"), Text: text, Actor: who(c.RecordedBy, "")})
		if c.WithdrawnAt != nil {
			out = append(out, timelineItem{At: *c.WithdrawnAt, What: t("consent.recorded"),
				Text: t("consent.withdrawn") + " " + c.WithdrawalNote, Actor: who(c.WithdrawnRecordedBy, "")})
		}
	}
	for _, a := range d.Assessments {
		if a.RuleSetID == workflow.ProfessionalRuleSet {
			out = append(out, timelineItem{At: a.AssessedAt, What: t("judge.title"), Text: t("outcome."+a.Outcome) + " · " + a.Reason, Actor: who(a.AssessedBy, "")})
			continue
		}
		out = append(out, timelineItem{At: a.AssessedAt, What: t("assessment"),
			Text: t("outcome."+a.Outcome) + " · " + a.RuleSetID + " " + a.RuleSetVersion, Actor: who(a.AssessedBy, "")})
	}
	for _, g := range d.GPRequests {
		out = append(out, timelineItem{At: g.RequestedAt, What: t("gp.requested"), Actor: who(g.RequestedBy, "")})
		if g.DecidedAt != nil {
			text := t("gp." + g.Decision)
			if !g.PrescriptionExpires.IsZero() {
				text += " · " + t("gp.expires") + " " + g.PrescriptionExpires.Format()
			}
			if r, ok := workflow.ReasonFor(workflow.EventReject, g.DecisionReason); ok {
				text += " · " + lang.Pick(r.LabelDA, r.LabelEN)
			}
			out = append(out, timelineItem{At: *g.DecidedAt, What: t("gp.decided"), Text: text})
		}
	}
	for _, m := range d.Messages {
		it := app.messageItem(m, lang)
		it.Actor = who(m.Actor, "")
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b timelineItem) int { return a.At.Compare(b.At) })
	return out
}

// messageItem is a MedCom message on the timeline: what it reported and
// when (Danish time), what it did to the case and its acknowledgement (the
// caller names who received or sent it).
func (app *App) messageItem(m workflow.Message, lang i18n.Lang) timelineItem {
	t := func(key string) string { return app.msgs.get(lang, key) }
	text := ""
	if a, ok := medcom.LookupActivity(m.Activity); ok {
		text = lang.Pick(a.DA, a.EN)
	}
	if m.EventAt != nil {
		text += " " + View{}.Stamp(*m.EventAt)
	}
	text += " · " + t("medcom.dir."+m.Direction) + ": " + t("medcom.status."+m.Status)
	if m.Effect != "" {
		text += ", " + t("medcom.effect."+m.Effect)
	}
	if m.Detail != "" {
		text += " · " + m.Detail
	}
	return timelineItem{At: m.ReceivedAt, What: t("medcom.kind." + m.Kind), Text: text}
}
