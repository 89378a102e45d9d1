package web

import (
	"context"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// With returns the view with other data, for a partial template that
// needs the request, the texts and one part of the page's data.
func (v View) With(data any) View {
	v.Data = data
	return v
}

// DeviationKinds lists the receipt-control deviation kinds for forms.
func (v View) DeviationKinds() []string { return workflow.DeviationKinds() }

// changePeople reads the people behind a change history's actors (one
// query), for View.Who.
func (app *App) changePeople(ctx context.Context, cs []data.RecordChange) (workflow.People, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Actor
	}
	return app.db.People(ctx, ids)
}
