package web_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/cmd/dosis/commands"
	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// sameAnswer runs the web application and the real command line on one
// database, so a test can give both the same input.
type sameAnswer struct {
	t   *testing.T
	db  *data.DB
	dsn string
	f   fixture
	web *client
	// seen holds the assessments already looked at.
	seen map[string]bool
}

func newSameAnswer(t *testing.T, engine string) *sameAnswer {
	db, dsn := dbtest.OpenDSN(t, engine)
	f := setup(t, db, "Karen Jensen")
	s := start(t, db)
	c := newClient(t, s)
	u, _ := url.Parse(s.base)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}}) // the CLI speaks English
	return &sameAnswer{t: t, db: db, dsn: dsn, f: f, web: c, seen: map[string]bool{}}
}

// cli runs dosis with args and returns the exit code and, on failure, the
// first line of the message.
func (s *sameAnswer) cli(args ...string) (int, string) {
	var out, errb bytes.Buffer
	code := commands.Main(append([]string{"dosis", "--db", s.dsn, "--actor", cliActor}, args...), strings.NewReader(""), &out, &errb)
	msg, _, _ := strings.Cut(strings.TrimPrefix(errb.String(), "dosis: "), "\n")
	return code, msg
}

// cliActor is who acts on the command line, to tell its records apart.
const cliActor = "cli-nurse"

// lastFacts is the facts of the case's assessment by actor not seen
// before, as stored (the server's clock is fixed, so several assessments
// share a time and cannot be told apart by it).
func (s *sameAnswer) lastFacts(actor string) string {
	d := dbtest.Must(s.db.CaseDetail(context.Background(), workflow.System("test"), s.f.case851.ID, "test", t0))(s.t)
	facts := ""
	for _, a := range d.Assessments {
		if a.AssessedBy == actor && !s.seen[a.ID] {
			s.seen[a.ID] = true
			facts = a.FactsJSON
		}
	}
	return facts
}

// sameRefusal fails unless the web refused with 422 and the CLI with exit
// 2, the CLI's message contains want and the web page shows that message.
func sameRefusal(t *testing.T, status int, body string, code int, msg, want string) {
	t.Helper()
	if status != http.StatusUnprocessableEntity || code != commands.ExitUsage {
		t.Fatalf("web status %d, CLI exit %d (%s); want 422 and 2", status, code, msg)
	}
	if !strings.Contains(msg, want) || !strings.Contains(html.UnescapeString(body), msg) {
		t.Errorf("CLI says %q, want it to contain %q and the web page to show the same:\n%s", msg, want, excerpt(body))
	}
}

// TestSameAnswerFacts: the web form and `dosis case assess --fact` read the
// same typed facts the same way (both use workflow.ParseFacts): the same
// stored facts for good input, the same refusal for bad input.
func TestSameAnswerFacts(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSameAnswer(t, engine)
			s.web.login("nurse")
			for _, tc := range []struct {
				fact, value, want string // want: the stored facts, or a part of the refusal
			}{
				{"no_change_expected", "ja", `{"no_change_expected":true}`},
				{"no_change_expected", "Nej", `{"no_change_expected":false}`},
				{"no_change_expected", "YES", `{"no_change_expected":true}`},
				{"no_change_expected", "0", `{"no_change_expected":false}`},
				{"no_change_expected", "abc", `"abc" is neither yes nor no`},
				{"packable_medicine_count", "3", `{"packable_medicine_count":3}`},
				{"packable_medicine_count", "2,5", `{"packable_medicine_count":2.5}`},
				{"packable_medicine_count", "abc", `(packable_medicine_count): "abc" is not a number`},
			} {
				t.Run(tc.fact+"="+tc.value, func(t *testing.T) {
					status, body, _ := s.web.post("/cases/"+s.f.case851.ID+"/assess", url.Values{"fact_" + tc.fact: {tc.value}})
					var webFacts string
					if status == http.StatusSeeOther {
						webFacts = s.lastFacts("nurse")
					}
					code, msg := s.cli("case", "assess", s.f.case851.ID, "--fact", tc.fact+"="+tc.value)
					var cliFacts string
					if code == commands.ExitOK {
						cliFacts = s.lastFacts("cli:" + cliActor)
					}
					if strings.HasPrefix(tc.want, "{") {
						if webFacts != tc.want || cliFacts != tc.want {
							t.Fatalf("stored facts: web %q (status %d), CLI %q (exit %d, %s); want %q from both",
								webFacts, status, cliFacts, code, msg, tc.want)
						}
						return
					}
					sameRefusal(t, status, body, code, msg, tc.want)
				})
			}
		})
	}
}

// TestSameAnswerPharmacySettings: adding a pharmacy on the admin page and
// with `dosis pharmacy add` accept and refuse the same settings with the
// same message (workflow.Pharmacy.Validate and data.AddPharmacy), and a
// municipality that does not exist is a validation error, not a failure.
func TestSameAnswerPharmacySettings(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSameAnswer(t, engine)
			s.web.login("admin")
			for _, tc := range []struct {
				name, municipality, lead, deadline string
				want                               string // "" to accept, else part of the refusal
			}{
				{"good", "851", "24", "3", ""},
				{"negative lead time", "851", "-5", "3", "the lead time of -5 working hours is outside 1–168"},
				{"absurd lead time", "851", "400", "3", "the lead time of 400 working hours is outside 1–168"},
				{"deadline out of range", "851", "24", "11", "the deadline of 11 working days is outside 0–10"},
				{"no such municipality", "9999", "24", "3", "municipality code 9999 does not exist"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					form := url.Values{"name": {"Apotek " + tc.name}, "municipality": {tc.municipality}, "period_days": {"14"},
						"deadline_days": {tc.deadline}, "lead_hours": {tc.lead}, "closing_days": {"24-12,31-12"}}
					status, body, _ := s.web.post("/admin/pharmacies", form)
					code, msg := s.cli("pharmacy", "add", "--name", "CLI "+tc.name, "--municipality", tc.municipality,
						"--lead-hours", tc.lead, "--deadline-days", tc.deadline)
					if tc.want == "" {
						if status != http.StatusSeeOther || code != commands.ExitOK {
							t.Fatalf("good settings: web %d %s, CLI exit %d %s", status, excerpt(body), code, msg)
						}
						return
					}
					sameRefusal(t, status, body, code, msg, tc.want)
				})
			}
		})
	}
}

// TestSameAnswerCPR: a CPR number written with a space or an en dash is
// refused by the web lookup and `dosis citizen show --cpr` alike (one
// parser, cpr.Parse, one refusal, workflow.InvalidCPR), naming what is
// wrong, and neither front end repeats the number.
func TestSameAnswerCPR(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSameAnswer(t, engine)
			s.web.login("nurse")
			for _, number := range []string{"010145 1236", "010145–1236"} {
				status, body, _ := s.web.post("/citizens/find", url.Values{"cpr": {number}})
				code, msg := s.cli("citizen", "show", "--cpr", number)
				page := html.UnescapeString(body)
				if status != http.StatusUnprocessableEntity || code != commands.ExitUsage {
					t.Fatalf("%q: web status %d, CLI exit %d (%s); want 422 and 2", number, status, code, msg)
				}
				if !strings.Contains(msg, "invalid CPR number: character 7 is") || !strings.Contains(page, msg) {
					t.Errorf("%q: CLI says %q; want what is wrong, and the web page to say the same:\n%s", number, msg, excerpt(body))
				}
				if strings.Contains(visibleText(body)+msg, "1236") || strings.Contains(msg, "010145") { // the form field keeps what was typed
					t.Errorf("%q: the message shows the number's last digits", number)
				}
			}
		})
	}
}

// TestSameAnswerDates: a typed date is refused by the web's consent form
// and `dosis case consent --date` with the same message after the field's
// name (both use workflow.ParseDate): a date that is not a day of the
// calendar "does not exist", anything else "must be written dd-mm-yyyy".
func TestSameAnswerDates(t *testing.T) {
	for _, engine := range dbtest.Engines() {
		t.Run(engine, func(t *testing.T) {
			s := newSameAnswer(t, engine)
			s.web.login("nurse")
			for _, tc := range []struct{ value, want string }{
				{"31-02-2026", "the date 31-02-2026 does not exist"},
				{"2026-02-29", "the date 2026-02-29 does not exist"},
				{"00.01.2026", "the date 00.01.2026 does not exist"},
				{"13-13-2026", "the date 13-13-2026 does not exist"},
				{"1/2/2026", `the date "1/2/2026" must be written dd-mm-yyyy`},
				{"01-02-26", `the date "01-02-26" must be written dd-mm-yyyy`},
				{"i går", `the date "i går" must be written dd-mm-yyyy`},
			} {
				t.Run(tc.value, func(t *testing.T) {
					status, body, _ := s.web.post("/cases/"+s.f.case851.ID+"/consent",
						url.Values{"given_by": {"citizen"}, "method": {"written"}, "given_at": {tc.value}})
					code, msg := s.cli("case", "consent", s.f.case851.ID, "--method", "written", "--date", tc.value)
					if status != http.StatusUnprocessableEntity || code != commands.ExitUsage {
						t.Fatalf("web status %d, CLI exit %d (%s); want 422 and 2", status, code, msg)
					}
					if msg != "--date: "+tc.want {
						t.Errorf("CLI says %q, want %q", msg, "--date: "+tc.want)
					}
					if page := html.UnescapeString(body); !strings.Contains(page, ": "+tc.want) {
						t.Errorf("the web page does not say %q:\n%s", tc.want, excerpt(body))
					}
				})
			}
		})
	}
}
