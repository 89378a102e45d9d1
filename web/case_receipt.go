package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// receiptInput reads the receipt-control form: the checked deviation kinds,
// the note and the actual time of the receipt (empty: now).
func (app *App) receiptInput(r *http.Request, rq *Request) (workflow.ReceiptInput, error) {
	at, err := formTime(r.PostFormValue("at"), app.msgs.get(rq.Lang, "rolls.actual_time"))
	return workflow.ReceiptInput{Deviations: r.PostForm["deviation"], Note: strings.TrimSpace(r.PostFormValue("note")), At: at}, err
}

// caseReceipt records the receipt control of a delivered period's roll
// (form field seq).
func (app *App) caseReceipt(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		return err
	}
	seq, err := strconv.Atoi(r.PostFormValue("seq"))
	if err != nil || seq < 1 {
		return app.caseRefused(r, rq, id, "receipt", workflow.Invalid("err.period.missing"))
	}
	in, err := app.receiptInput(r, rq)
	if err == nil {
		_, err = app.svc.RecordReceipt(r.Context(), rq.Actor, id, seq, in)
	}
	if err != nil {
		return app.caseRefused(r, rq, id, "receipt-"+strconv.Itoa(seq), err)
	}
	return app.caseDone(w, r, rq, id)
}

// caseUrgentReceipt records the receipt control of a delivered urgent roll
// (form field urgent).
func (app *App) caseUrgentReceipt(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		return err
	}
	uid := r.PostFormValue("urgent")
	in, err := app.receiptInput(r, rq)
	if err == nil {
		err = app.svc.RecordUrgentReceipt(r.Context(), rq.Actor, id, uid, in)
	}
	if err != nil {
		return app.caseRefused(r, rq, id, "receipt-"+uid, err)
	}
	return app.caseDone(w, r, rq, id)
}
