package web

import (
	"net/http/httptest"
	"testing"
)

// TestUrgentStepUnknown: a route wired to a step urgentStep does not know
// fails instead of flashing "done" for a step never taken.
func TestUrgentStepUnknown(t *testing.T) {
	app := &App{}
	r := httptest.NewRequest("POST", "/urgent/u1/lost", nil)
	if err := app.urgentStep("lost")(httptest.NewRecorder(), r, &Request{}); err == nil {
		t.Fatal("an unknown urgent step returned no error")
	}
}
