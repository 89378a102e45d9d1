package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
)

// upload posts a multipart form with one file; csrf "" sends no token.
func (c *client) upload(path string, fields map[string]string, name string, file []byte, csrf string) (int, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf != "" {
		_ = mw.WriteField("csrf_token", csrf)
	}
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	_, _ = fw.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func importTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "data", "imports", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	secretRE = regexp.MustCompile(`<code class="secret"[^>]*>([^<]+)</code>`)
	tokenRE  = regexp.MustCompile(`name="token" value="([^"]+)"`)
	shaRE    = regexp.MustCompile(`name="sha256" value="([0-9a-f]{64})"`)
)

// TestAdminUserLifecycle: an admin adds a user, whose session ends when
// the admin disables them and again when the admin resets their password;
// re-enabled, the new password works. The admin cannot disable themself,
// and each change is on the user's page.
func TestAdminUserLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		a := newClient(t, s).login("admin")
		st, body, _ := a.post("/admin/users", url.Values{"username": {"sofie"}, "name": {"Sofie Nielsen"}, "role": {"nurse"},
			"municipality": {"851"}, "password": {testPassword}})
		if st != http.StatusOK {
			t.Fatalf("add: %d %s", st, excerpt(body))
		}
		sofie := dbtest.Must(db.UserByUsername(context.Background(), "sofie"))(t)
		page := "/admin/users/" + sofie.ID
		u := newClient(t, s).login("sofie")
		if st, _ := u.get("/cases"); st != http.StatusOK {
			t.Fatalf("the new nurse's case list: %d", st)
		}
		if st, _, loc := a.post(page+"/disable", nil); st != http.StatusSeeOther || loc != page {
			t.Fatalf("disable: %d %s", st, loc)
		}
		if st, _ := u.get("/cases"); st != http.StatusSeeOther {
			t.Errorf("the disabled user's session still works: %d", st)
		}
		if st, _, _ := a.post(page+"/enable", nil); st != http.StatusSeeOther {
			t.Fatalf("enable: %d", st)
		}
		u = newClient(t, s).login("sofie")
		st, body, _ = a.post(page+"/password", url.Values{"password": {""}})
		m := secretRE.FindStringSubmatch(body)
		if st != http.StatusOK || m == nil {
			t.Fatalf("reset: %d %s", st, excerpt(body))
		}
		if st, _ := u.get("/cases"); st != http.StatusSeeOther {
			t.Errorf("the session survived the password reset: %d", st)
		}
		if _, body := a.get(page); strings.Contains(body, m[1]) {
			t.Error("the generated password is shown again")
		}
		st, _, loc := newClient(t, s).post("/login", url.Values{"username": {"sofie"}, "password": {m[1]}})
		if st != http.StatusSeeOther || loc != "/" {
			t.Errorf("sign-in with the new password: %d %s", st, loc)
		}
		if st, body, _ := a.post(page+"/password", url.Values{"password": {"short"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "mindst 10 tegn") {
			t.Errorf("a short password: %d", st)
		}
		if st, _, _ := a.post(page, url.Values{"role": {"lead"}, "municipality": {"101"}}); st != http.StatusSeeOther {
			t.Errorf("edit role: %d", st)
		}
		_, body = a.get(page)
		for _, want := range []string{"Projektleder", "101 København", "Adgangskode nulstillet", "Deaktiveret"} {
			if !strings.Contains(body, want) {
				t.Errorf("the user's page lacks %q", want)
			}
		}
		self := dbtest.Must(db.UserByUsername(context.Background(), "admin"))(t)
		if st, body, _ := a.post("/admin/users/"+self.ID+"/disable", nil); st != http.StatusUnprocessableEntity || !strings.Contains(body, "deaktivere dig selv") {
			t.Errorf("an admin disabled themself: %d", st)
		}
		if st, body, _ := a.post("/admin/users/"+self.ID, url.Values{"role": {"steering"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "administratorrettigheder") {
			t.Errorf("an admin demoted themself: %d", st)
		}
		// Control characters are refused before any handler runs.
		if st, _, _ := a.post("/admin/users", url.Values{"username": {"x1"}, "name": {"Bad\x07Name"}, "role": {"steering"}}); st != http.StatusUnprocessableEntity {
			t.Errorf("a name with a control character: %d", st)
		}
		if st, _, _ := a.post(page+"/disable", url.Values{"csrf_token": {""}}); st != http.StatusForbidden {
			t.Errorf("disable without a CSRF token: %d", st)
		}
	})
}

// TestAdminAccessSearch: the access log searched by CPR number by a link
// (GET) and by the form (POST), by user and date, exported as CSV; every
// search is itself logged, and no CPR number reaches the request log.
func TestAdminAccessSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		f := setup(t, db, "Karen Jensen")
		nurse := newClient(t, s).login("nurse")
		nurse.get("/cases/" + f.case851.ID)
		a := newClient(t, s).login("admin")
		st, body := a.get("/admin/access?cpr=0101451236&user=nurse&from=27-11-2026&to=27-11-2026")
		if st != http.StatusOK || !strings.Contains(body, "Sagsside") || !strings.Contains(body, "010145-XXXX") || strings.Contains(body, "Bo København") {
			t.Fatalf("GET search: %d %s", st, excerpt(body))
		}
		st, body, _ = a.post("/admin/access", url.Values{"cpr": {"020250-1234"}, "user": {"nurse"}})
		if st != http.StatusOK || !strings.Contains(body, `id="access-none"`) {
			t.Errorf("POST search for a citizen the nurse did not see: %d %s", st, excerpt(body))
		}
		if st, body, _ := a.post("/admin/access", url.Values{"cpr": {"010145-1236"}, "from": {"31-02-2026"}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "findes ikke") {
			t.Errorf("a date that does not exist: %d", st)
		}
		req, _ := http.NewRequest("POST", s.base+"/admin/access/export", strings.NewReader(url.Values{"cpr": {"0101451236"}, "csrf_token": {a.csrf()}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := a.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("export: %d %s", res.StatusCode, ct)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil || len(rows) < 3 || rows[0][0] != "Tidspunkt" {
			t.Fatalf("export rows %v: %v", rows, err)
		}
		var whats []string
		for _, row := range rows[1:] {
			if row[3] != "010145-XXXX" {
				t.Errorf("exported CPR %q, want masked", row[3])
			}
			whats = append(whats, row[4])
		}
		if !strings.Contains(strings.Join(whats, "|"), "Sagsside") || !strings.Contains(strings.Join(whats, "|"), "Søgning i adgangsloggen") {
			t.Errorf("export holds %v, want the nurse's view and the admin's searches", whats)
		}
		logged := dbtest.Must(db.AccessLog(context.Background(), f.users["admin"].Actor(), data.AccessFilter{Actor: "admin"}))(t)
		var kinds []string
		for _, e := range logged {
			kinds = append(kinds, e.What)
		}
		if strings.Join(kinds, ",") != "access.export,access.search,access.search" {
			t.Errorf("the admin's searches logged as %v", kinds)
		}
		for _, digits := range []string{"0101451236", "010145-1236", "020250-1234"} {
			if strings.Contains(s.log.String(), digits) {
				t.Errorf("the request log holds the CPR number %s", digits)
			}
		}
	})
}

// TestAdminImportUpload: an admin uploads a file with bad rows (every bad
// row named with line, column and value in Danish, nothing kept), then a
// good one (a dry-run preview), then commits exactly that file; a second
// commit, a commit without a CSRF token and an oversized upload are
// refused.
func TestAdminImportUpload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		dbtest.Must(db.AddGP(context.Background(), workflow.GP{Ydernummer: "023456", Name: "Læge Hansen"}, t0))(t)
		a := newClient(t, s).login("admin")
		st, body := a.upload("/admin/imports", map[string]string{"kind": "citizens"}, "bad.csv", importTestdata(t, "citizens-fornavn-bad.csv"), a.csrf())
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "4 fejl i filen") || strings.Contains(body, `name="token"`) {
			t.Fatalf("bad file: %d %s", st, excerpt(body))
		}
		for _, want := range []string{">3<", "CPR-NR", "<code>XXXXXX-XXXX</code>", "er ikke et gyldigt CPR-nummer", "EFTERNAVN", "KOMMUNENUMMER", "er ikke en kendt kommunekode"} {
			if !strings.Contains(body, want) {
				t.Errorf("the bad rows do not show %q", want)
			}
		}
		// A mistyped CPR number is still personal data: masked, not shown.
		if strings.Contains(body, "15035O") {
			t.Errorf("the bad rows show the mistyped CPR number: %s", excerpt(body))
		}
		st, body = a.upload("/admin/imports", map[string]string{"kind": "citizens", "municipality": "851"}, "borgere.xlsx",
			importTestdata(t, "citizens-fornavn.xlsx"), a.csrf())
		tok, sha := tokenRE.FindStringSubmatch(body), shaRE.FindStringSubmatch(body)
		if st != http.StatusOK || tok == nil || sha == nil || !strings.Contains(body, "3 nye, 0 ændrede, 0 uændrede") {
			t.Fatalf("preview: %d %s", st, excerpt(body))
		}
		if !strings.Contains(body, "Karen Marie Jensen") || !strings.Contains(body, "010145-XXXX") || strings.Contains(body, "0101451003") {
			t.Error("the preview's sample rows are missing or show a CPR number unmasked")
		}
		if n := count(t, db, "citizens"); n != 2 {
			t.Fatalf("the preview wrote citizens: %d", n)
		}
		if st, _, _ := a.post("/admin/imports/commit", url.Values{"token": {tok[1]}, "sha256": {sha[1]}, "csrf_token": {""}}); st != http.StatusForbidden {
			t.Errorf("commit without CSRF token: %d", st)
		}
		st, body, _ = a.post("/admin/imports/commit", url.Values{"token": {tok[1]}, "sha256": {sha[1]}})
		if st != http.StatusOK || !strings.Contains(body, "3 nye, 0 ændrede, 0 uændrede") || !strings.Contains(body, "Importeret") {
			t.Fatalf("commit: %d %s", st, excerpt(body))
		}
		if n := count(t, db, "citizens"); n != 5 {
			t.Errorf("after the commit: %d citizens, want 5", n)
		}
		if st, _, _ := a.post("/admin/imports/commit", url.Values{"token": {tok[1]}, "sha256": {sha[1]}}); st != http.StatusConflict {
			t.Errorf("a second commit: %d", st)
		}
		big := bytes.Repeat([]byte("x"), imports.MaxUploadBytes+128<<10)
		if st, body := a.upload("/admin/imports", map[string]string{"kind": "citizens"}, "big.csv", big, a.csrf()); st != http.StatusUnprocessableEntity || !strings.Contains(body, "større end") {
			t.Errorf("an oversized upload: %d %s", st, excerpt(body))
		}
		if st, _ := a.upload("/admin/imports", map[string]string{"kind": "citizens"}, "x.csv", []byte("CPR;Navn;Kommune\n"), ""); st != http.StatusForbidden {
			t.Errorf("an upload without a CSRF token: %d", st)
		}
		ctl := []byte("CPR;Navn;Kommune\n010145-1236;Karen\x1b[31m;851\n")
		if st, body := a.upload("/admin/imports", map[string]string{"kind": "citizens"}, "ctl.csv", ctl, a.csrf()); st != http.StatusUnprocessableEntity || !strings.Contains(body, "kontroltegn") {
			t.Errorf("a cell with a control character: %d %s", st, excerpt(body))
		}
	})
}

func count(t *testing.T, db *data.DB, table string) int64 {
	t.Helper()
	n, err := db.Bun().NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
