package web

import "github.com/dosis-dk/dosis/workflow"

// With returns the view with other data, for a partial template that
// needs the request, the texts and one part of the page's data.
func (v View) With(data any) View {
	v.Data = data
	return v
}

// DeviationKinds lists the receipt-control deviation kinds for forms.
func (v View) DeviationKinds() []string { return workflow.DeviationKinds() }
