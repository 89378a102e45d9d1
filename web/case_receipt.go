package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
)

// receiptInput reads the receipt-control form: the checked deviation kinds
// and the note.
func receiptInput(r *http.Request) workflow.ReceiptInput {
	return workflow.ReceiptInput{Deviations: r.PostForm["deviation"], Note: strings.TrimSpace(r.PostFormValue("note"))}
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
		return app.caseRefused(r, rq, id, "receipt", workflow.Invalid("perioden mangler", "the period is missing"))
	}
	if _, err := app.svc.RecordReceipt(r.Context(), rq.Actor, id, seq, receiptInput(r)); err != nil {
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
	if err := app.svc.RecordUrgentReceipt(r.Context(), rq.Actor, id, uid, receiptInput(r)); err != nil {
		return app.caseRefused(r, rq, id, "receipt-"+uid, err)
	}
	return app.caseDone(w, r, rq, id)
}
