package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/medcom/outbox"
	"github.com/dosis-dk/dosis/workflow"
)

// medcomPage is the admin message log with the upload form and, after an
// upload, what receiving it did.
type medcomPage struct {
	Messages []workflow.Message
	Receipt  *workflow.Receipt
	// Outbox is set when acknowledgements are written to a folder.
	Outbox bool
	// Tokens are the integrations; NewToken is a token just created, shown once.
	Tokens   []data.MedComToken
	NewToken string
}

// adminMedCom shows the MedCom message log, newest first (200).
func (app *App) adminMedCom(w http.ResponseWriter, r *http.Request, rq *Request) error {
	return app.medcomLog(w, r, rq, nil)
}

func (app *App) medcomLog(w http.ResponseWriter, r *http.Request, rq *Request, rc *workflow.Receipt) error {
	return app.medcomPage(w, r, rq, medcomPage{Receipt: rc})
}

func (app *App) medcomPage(w http.ResponseWriter, r *http.Request, rq *Request, p medcomPage) error {
	var err error
	if p.Messages, err = app.db.MessageLog(r.Context(), rq.Actor, data.MessageLogFilter{Limit: 200}); err != nil {
		return err
	}
	if p.Tokens, err = app.db.MedComTokens(r.Context()); err != nil {
		return err
	}
	p.Outbox = app.cfg.MedComOutbox != ""
	return app.page(w, r, rq, "admin_medcom", View{Title: app.msgs.get(rq.Lang, "medcom.title"), Data: p})
}

// adminMedComToken creates an integration's token and shows it once.
func (app *App) adminMedComToken(w http.ResponseWriter, r *http.Request, rq *Request) error {
	mun, err := strconv.Atoi(r.PostFormValue("municipality"))
	if err != nil {
		return workflow.Invalid("err.upload.choose_municipality")
	}
	tok, err := app.db.CreateMedComToken(r.Context(), rq.Actor, r.PostFormValue("name"), mun, app.cfg.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return app.medcomPage(w, r, rq, medcomPage{NewToken: tok})
}

// adminMedComReceive receives an uploaded MedCom message as the folder
// exchange would (its acknowledgement goes to the outbox when one is set)
// and shows the log with the result.
func (app *App) adminMedComReceive(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f, _, err := r.FormFile("file")
	if err != nil {
		if errors.Is(err, http.ErrMissingFile) {
			return workflow.Invalid("err.upload.choose_file")
		}
		return workflow.Invalid("err.upload.unreadable")
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, medcom.MaxMessageBytes+1))
	if err != nil {
		return workflow.Invalid("err.upload.unreadable")
	}
	rc, err := app.svc.ReceiveMessage(r.Context(), rq.Actor, raw, "upload")
	if err != nil {
		return err
	}
	if dir := app.cfg.MedComOutbox; dir != "" && rc.Ack.Body != nil {
		if _, err := outbox.Write(dir, "ack", rc.Ack); err != nil {
			return err
		}
	}
	return app.medcomLog(w, r, rq, &rc)
}

// Activity names a MedCom activity code for the page: the standard's
// designation of a HospitalNotification code, or a CareCommunication's.
func (v View) Activity(code string) string {
	if a, ok := medcom.LookupActivity(code); ok {
		return v.L(a.DA, a.EN)
	}
	if code == "" {
		return ""
	}
	return v.T("medcom.activity." + code)
}

// StampOf is Stamp of an optional time ("" when nil).
func (v View) StampOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return v.Stamp(*t)
}
