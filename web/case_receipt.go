package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// receiptInput reads the receipt-control form: the checked deviation kinds,
// the note and the actual time of the receipt (receiptTime).
func (app *App) receiptInput(r *http.Request, rq *Request) (workflow.ReceiptInput, error) {
	at, err := receiptTime(r.PostFormValue("at_date"), r.PostFormValue("at_time"), rq.Now)
	return workflow.ReceiptInput{Deviations: r.PostForm["deviation"], Note: strings.TrimSpace(r.PostFormValue("note")), At: at}, err
}

// receiptTime reads the actual time of a receipt from its date field
// (dd-mm-yyyy) and time field (hh:mm), Danish time, with
// workflow.ParseDateTime: both empty is now (the zero time), a time alone
// is today. (The field was a datetime-local input, which a browser shows in
// its own locale's format: mm/dd/yyyy on a Danish page in an English browser.)
func receiptTime(date, clock string, now time.Time) (time.Time, error) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if date == "" && clock == "" {
		return time.Time{}, nil
	}
	if date == "" {
		date = calendar.Today(now).Format()
	}
	return workflow.ParseDateTime(date, clock, "", i18n.Key("receipt.at"))
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
