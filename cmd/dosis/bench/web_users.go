package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/web"
	"github.com/dosis-dk/dosis/workflow"
)

// virtualUser is one signed-in browser: its role, credentials, cookie jar
// and, for nurses, the case pages it opens.
type virtualUser struct {
	role     workflow.Role
	username string
	password string
	cases    []string
	client   *http.Client
	// base is the URL of the instance that serves the user.
	base string
	// place is the nurse's municipality code or the pharmacy's id.
	place string
}

// virtualUsers creates (or re-passwords) n bench users named prefix-NNN:
// 60 % nurses spread over the municipalities, 20 % pharmacy staff at
// pharmacies in them, the rest steering group. A user's role follows from
// n, so runs of another size use another prefix.
func virtualUsers(ctx context.Context, db *data.DB, prefix string, n int, codes []int) ([]*virtualUser, error) {
	phs, err := db.Pharmacies(ctx)
	if err != nil {
		return nil, err
	}
	var pharmacies []workflow.Pharmacy
	for _, p := range phs {
		for _, c := range codes {
			if p.Municipality == c {
				pharmacies = append(pharmacies, p)
			}
		}
	}
	cases := map[int][]string{}
	for _, c := range codes {
		if cases[c], err = db.SampleCases(ctx, c, 200); err != nil {
			return nil, err
		}
	}
	nurses, pharm := n*6/10, n*2/10
	now := time.Now()
	var out []*virtualUser
	for i := range n {
		u := data.NewUser{Username: fmt.Sprintf("%s-%03d", prefix, i), Name: fmt.Sprintf("Bench %03d", i), Password: web.GeneratePassword()}
		vu := &virtualUser{username: u.Username, password: u.Password}
		switch {
		case i < nurses:
			code := codes[i%len(codes)]
			u.Role, u.Municipality, vu.cases, vu.place = workflow.RoleNurse, code, cases[code], fmt.Sprint(code)
		case i < nurses+pharm && len(pharmacies) > 0:
			u.Role, u.PharmacyID = workflow.RolePharmacy, pharmacies[i%len(pharmacies)].ID
			vu.place = u.PharmacyID
		default:
			u.Role = workflow.RoleSteering
		}
		vu.role = u.Role
		if old, err := db.UserByUsername(ctx, u.Username); err == nil {
			if old.Role != u.Role || old.Municipality != u.Municipality || old.PharmacyID != u.PharmacyID {
				return nil, fmt.Errorf("bench user %s exists with another role or place: use a fresh database", u.Username)
			}
			if err := db.SetPassword(ctx, u.Username, u.Password, now); err != nil {
				return nil, err
			}
		} else if _, err := db.AddUser(ctx, u, now); err != nil {
			return nil, fmt.Errorf("bench user %s: %w", u.Username, err)
		}
		jar, err := cookiejar.New(nil)
		if err != nil {
			return nil, err
		}
		// The timed requests are bounded by the run's deadline; this bounds
		// the untimed warm-up, whose first dashboard builds the national
		// report from the source tables when no cache or rollup holds it
		// (minutes on a busy machine).
		vu.client = &http.Client{Jar: jar, Timeout: 10 * time.Minute,
			Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
		out = append(out, vu)
	}
	return out, nil
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// login signs the user in through the login form, as a browser does.
func (vu *virtualUser) login(ctx context.Context, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	if err != nil {
		return err
	}
	resp, err := vu.client.Do(req)
	if err != nil {
		return fmt.Errorf("bench login %s: %w", vu.username, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("bench login %s: %w", vu.username, err)
	}
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return fmt.Errorf("bench login %s: no CSRF token on the login page", vu.username)
	}
	form := url.Values{"username": {vu.username}, "password": {vu.password}, "csrf_token": {string(m[1])}}
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = vu.client.Do(req)
	if err != nil {
		return fmt.Errorf("bench login %s: %w", vu.username, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Request.URL.Path == "/login" || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench login %s: not signed in (status %d at %s)", vu.username, resp.StatusCode, resp.Request.URL.Path)
	}
	return nil
}
