package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/dosis-dk/dosis/workflow/calendar"
)

// startWithOutbox runs the server with a MedCom outbox.
func startWithOutbox(t *testing.T, db *data.DB, dir string) *server {
	t.Helper()
	buf := &syncBuffer{}
	app, err := web.New(web.Config{DB: db, Addr: "127.0.0.1:0", Now: func() time.Time { return t0 },
		Logger: slog.New(slog.NewTextHandler(buf, nil)), MedComOutbox: dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return &server{app: app, base: "http://" + app.Addr(), log: buf}
}

// TestRequestGPSendsCareCommunication: "Send anmodning til lægen" writes a
// CareCommunication to the GP's clinic in the outbox; for a GP without SOR
// code or EAN number the request is recorded and the nurse is told why it
// was not sent.
func TestRequestGPSendsCareCommunication(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := setup(t, db, "Karen Jensen")
		dir := t.TempDir()
		s := startWithOutbox(t, db, dir)
		sys := workflow.System("fixture")
		svc := workflow.NewService(db, func() time.Time { return t0 }, workflow.DefaultSettings())
		if err := db.SetMedComSender(ctx, 851, medcom.Organization{SOR: "265161000016000", Name: "Aalborg Kommune"}); err != nil {
			t.Fatal(err)
		}
		dbtest.Must(db.AddGP(ctx, workflow.GP{Ydernummer: "054321", Name: "Lægerne i Søby", SOR: "953741000016009"}, t0))(t)
		cit, _ := must2(db.AddCitizen(ctx, sys, data.NewCitizen{CPR: "250947-9989", Name: "Bruno Elmer", Municipality: 851,
			GPYdernummer: "054321", MedicineHelp: true}, t0))(t)
		withSOR := dbtest.Must(svc.OpenCase(ctx, sys, cit.ID, "home_care"))(t)
		facts := eligibility.Facts{"receives_medicine_help": true, "months_without_change": 6.0,
			"no_change_expected": true, "packable_medicine_count": 5.0, "can_handle_roll": true}
		for _, id := range []string{f.case851.ID, withSOR.ID} {
			if id == withSOR.ID {
				if _, _, err := svc.Assess(ctx, sys, id, eligibility.Default(), facts, ""); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := svc.RecordConsent(ctx, sys, id, workflow.ConsentInput{GivenBy: "citizen", Method: "written", GivenOn: calendar.DayOf(t0)}, ""); err != nil {
				t.Fatal(err)
			}
		}
		nurse := newClient(t, s).login("nurse")
		code, _, loc := nurse.post("/cases/"+f.case851.ID+"/request-gp", nil)
		if code != http.StatusSeeOther {
			t.Fatalf("request-gp: %d", code)
		}
		if _, page := nurse.get(loc); !strings.Contains(page, "kunne ikke sendes til lægen: lægen Lægehuset Nord har hverken SOR-kode eller EAN-nummer") {
			t.Errorf("no reason shown:\n%s", excerpt(page))
		}
		if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
			t.Fatalf("sent without SOR: %v", files)
		}
		nurse.post("/cases/"+withSOR.ID+"/request-gp", nil)
		files, _ := filepath.Glob(filepath.Join(dir, "carecommunication-*.xml"))
		if len(files) != 1 {
			t.Fatalf("outbox %v", files)
		}
		b, _ := os.ReadFile(files[0])
		m, err := medcom.Parse(b)
		if err != nil || m.Header.Receiver.SOR != "953741000016009" || m.Patient.CPR != "2509479989" || m.Communication.Category != "medicine" {
			t.Fatalf("message %v %+v", err, m)
		}
		if _, page := nurse.get("/cases/" + withSOR.ID); !strings.Contains(page, "Korrespondancemeddelelse") ||
			!strings.Contains(page, "Sendt, afventer kvittering") {
			t.Errorf("the timeline lacks the sent message:\n%s", excerpt(page))
		}
	})
}
