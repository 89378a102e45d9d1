package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// medcomEndpoint is where an integration posts MedCom messages.
const medcomEndpoint = "/api/medcom/messages"

// medcomConcurrency is how many messages the endpoint receives at once;
// more wait for a slot (or until the client gives up).
const medcomConcurrency = 4

// medcomAPI receives one MedCom message posted by an integration with its
// token (Authorization: Bearer TOKEN) and answers with the acknowledgement
// in the message's format: 200 for ok (a repeat included), 422 for a
// refused message (fatal-error), 503 for a transient error, 204 for a
// received acknowledgement (which is not acknowledged), 401 without a
// valid token and 413 over medcom.MaxMessageBytes. At most
// medcomConcurrency messages are read and received at once.
func (app *App) medcomAPI(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dosis-medcom"`)
		http.Error(w, "integration token required", http.StatusUnauthorized)
		return
	}
	a, err := app.db.MedComTokenActor(r.Context(), strings.TrimSpace(token), app.cfg.Now())
	if err != nil {
		if workflow.KindOf(err) == workflow.KindForbidden {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dosis-medcom", error="invalid_token"`)
			http.Error(w, "unknown or revoked integration token", http.StatusUnauthorized)
			return
		}
		app.log.Error("medcom token", "err", err)
		http.Error(w, "temporary error", http.StatusServiceUnavailable)
		return
	}
	select {
	case app.medcomSlots <- struct{}{}:
		defer func() { <-app.medcomSlots }()
	case <-r.Context().Done():
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, medcom.MaxMessageBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		http.Error(w, "the message is larger than 5 MiB", http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		http.Error(w, "the message could not be read", http.StatusBadRequest)
		return
	}
	rc, err := app.svc.ReceiveMessage(r.Context(), a, raw, "api")
	if err != nil {
		app.log.Error("medcom receive", "integration", a.Name, "err", err)
	}
	if rc.Ack.Body == nil {
		if err != nil {
			http.Error(w, "temporary error", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	status := http.StatusOK
	switch rc.AckCode {
	case medcom.AckFatalError:
		status = http.StatusUnprocessableEntity
	case medcom.AckTransientError:
		status = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/fhir+"+string(rc.Ack.Format)+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(rc.Ack.Body)
}
