package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/medcom"
	"github.com/dosis-dk/dosis/workflow"
)

// stinFor is the standard's STIN example about the citizen with the CPR number.
func stinFor(t *testing.T, cpr, ext string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "medcom", "testdata", "hn-stin"+ext))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("2509479989"), []byte(cpr))
}

func postMessage(t *testing.T, s *server, token string, body []byte) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", s.base+"/api/medcom/messages", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// TestMedComAPI: an integration posts messages with its token and gets the
// acknowledgement back in the message's format; no token, a wrong or a
// revoked one is refused; the message is on the case's timeline in Danish
// time.
func TestMedComAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		f := setup(t, db, "Karen Jensen")
		s := start(t, db)
		admin := workflow.System("test")
		token := dbtest.Must(db.CreateMedComToken(ctx, admin, "EPJ Nord", 851, t0))(t)
		other := dbtest.Must(db.CreateMedComToken(ctx, admin, "EPJ København", 101, t0))(t)
		if _, err := db.CreateMedComToken(ctx, workflow.Actor{Role: workflow.RoleNurse, Municipality: 851}, "x", 851, t0); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("a nurse created a token: %v", err)
		}
		stin := stinFor(t, "0101451236", ".xml")
		for _, tok := range []string{"", "dmc_wrong", token + "x"} {
			if code, _, _ := postMessage(t, s, tok, stin); code != http.StatusUnauthorized {
				t.Errorf("token %q: %d", tok, code)
			}
		}
		code, ctype, body := postMessage(t, s, token, stin)
		ack, err := medcom.Parse(body)
		if code != http.StatusOK || ctype != "application/fhir+xml; charset=utf-8" || err != nil ||
			ack.Ack.Code != medcom.AckOK || ack.Ack.Of != "b9b4818e-02de-4cc4-b418-d20cbc7b5404" {
			t.Fatalf("post: %d %s %v %s", code, ctype, err, body)
		}
		if code, _, body = postMessage(t, s, token, stin); code != http.StatusOK || !bytes.Contains(body, []byte("b9b4818e")) {
			t.Errorf("repeat: %d", code)
		}
		broken := bytes.Replace(stinFor(t, "0101451236", ".json"), []byte(`"type": "message"`), []byte(`"type": "batch"`), 1)
		broken = bytes.ReplaceAll(broken, []byte("b9b4818e-02de-4cc4-b418-d20cbc7b5404"), []byte("b9b4818e-02de-4cc4-b418-d20cbc7b5405"))
		code, ctype, body = postMessage(t, s, token, broken)
		ack, err = medcom.Parse(body)
		if code != http.StatusUnprocessableEntity || ctype != "application/fhir+json; charset=utf-8" || err != nil ||
			ack.Ack.Code != medcom.AckFatalError || !strings.Contains(ack.Ack.Issues[0], "Bundle.type") {
			t.Errorf("broken: %d %s %v %s", code, ctype, err, body)
		}
		if code, _, _ = postMessage(t, s, token, bytes.Repeat([]byte(" "), medcom.MaxMessageBytes+1)); code != http.StatusRequestEntityTooLarge {
			t.Errorf("too large: %d", code)
		}
		// København's integration cannot touch an Aalborg citizen: not relevant.
		other2 := bytes.ReplaceAll(stin, []byte("b9b4818e-02de-4cc4-b418-d20cbc7b5404"), []byte("00000000-0000-4000-8000-000000000101"))
		if code, _, _ = postMessage(t, s, other, other2); code != http.StatusOK {
			t.Errorf("other municipality: %d", code)
		}
		log := dbtest.Must(db.MessageLog(ctx, admin, data.MessageLogFilter{}))(t)
		statuses := map[string]string{}
		for _, m := range log {
			statuses[m.Actor+" "+m.Status] = m.HeaderID
		}
		if len(log) != 3 || statuses["api:EPJ København not_relevant"] == "" || statuses["api:EPJ Nord refused"] != "b9b4818e-02de-4cc4-b418-d20cbc7b5405" {
			t.Errorf("log %v", statuses)
		}
		if err := db.RevokeMedComToken(ctx, admin, "EPJ Nord", t0); err != nil {
			t.Fatal(err)
		}
		if code, _, _ = postMessage(t, s, token, stin); code != http.StatusUnauthorized {
			t.Errorf("revoked token: %d", code)
		}
		nurse := newClient(t, s).login("nurse")
		_, page := nurse.get("/cases/" + f.case851.ID)
		// 12:00+02:00 is 11:00 Danish (winter) time.
		if !strings.Contains(page, "Sygehusadvis") || !strings.Contains(strings.Join(strings.Fields(visibleText(page)), " "), "Start sygehusophold - indlagt 07-12-2022 11:00") {
			t.Errorf("the case page does not show the message:\n%s", visibleText(page))
		}
	})
}

// TestAdminMedComUpload: an admin uploads a message in the web app; the
// log shows it and what it did, never its content.
func TestAdminMedComUpload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		setup(t, db, "Karen Jensen")
		s := start(t, db)
		admin := newClient(t, s).login("admin")
		upload := func(name string, b []byte) (int, string) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			_ = mw.WriteField("csrf_token", admin.csrf())
			fw, _ := mw.CreateFormFile("file", name)
			_, _ = fw.Write(b)
			_ = mw.Close()
			res, err := admin.http.Post(s.base+"/admin/medcom", mw.FormDataContentType(), &body)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			out, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(out)
		}
		code, page := upload("stin.xml", stinFor(t, "0101451236", ".xml"))
		if code != http.StatusOK || !strings.Contains(page, "Meddelelsen er modtaget og kvitteret") ||
			!strings.Contains(page, "Registreret på sagen") || strings.Contains(page, "0101451236") || strings.Contains(page, "Karen") {
			t.Fatalf("upload: %d\n%s", code, excerpt(page))
		}
		code, page = upload("bad.json", []byte(`{"resourceType":"Bundle","type":"message","entry":[]}`))
		if code != http.StatusOK || !strings.Contains(page, "Afvist: Bundle.entry: bundlen har ingen MessageHeader") {
			t.Fatalf("broken upload: %d\n%s", code, excerpt(page))
		}
		if code, _ := newClient(t, s).login("nurse").get("/admin/medcom"); code != http.StatusForbidden {
			t.Errorf("a nurse sees the message log: %d", code)
		}
		_ = url.Values{}
	})
}

// TestAdminMedComToken: an admin creates an integration's token in the web
// app; it is shown once and works at the endpoint.
func TestAdminMedComToken(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		setup(t, db, "Karen Jensen")
		s := start(t, db)
		admin := newClient(t, s).login("admin")
		code, page, _ := admin.post("/admin/medcom/tokens", url.Values{"name": {"EPJ Syd"}, "municipality": {"851"}})
		i := strings.Index(page, "<code>dmc_")
		if code != http.StatusOK || i < 0 {
			t.Fatalf("create: %d\n%s", code, excerpt(page))
		}
		token := page[i+len("<code>") : i+strings.Index(page[i:], "</code>")]
		if code, _, _ := postMessage(t, s, token, stinFor(t, "0101451236", ".xml")); code != http.StatusOK {
			t.Errorf("the new token: %d", code)
		}
		if _, again := admin.get("/admin/medcom"); strings.Contains(again, token) || !strings.Contains(again, "EPJ Syd") {
			t.Errorf("the token is shown again, or the integration is not listed")
		}
		if code, _, _ := admin.post("/admin/medcom/tokens", url.Values{"name": {"EPJ Syd"}, "municipality": {"851"}}); code != http.StatusUnprocessableEntity {
			t.Errorf("a second token of the same name: %d", code)
		}
	})
}
