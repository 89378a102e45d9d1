package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/eligibility"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// ruleFormValues are the fields the rule-set form posts for rs.
func ruleFormValues(rs *eligibility.RuleSet, code int, base int64, action string) url.Values {
	v := url.Values{"m": {strconv.Itoa(code)}, "base": {strconv.FormatInt(base, 10)}, "action": {action},
		"rs.id": {rs.ID}, "rs.version": {rs.Version}, "rs.title": {rs.Title}, "rs.published": {"01-01-2024"}}
	for i, c := range rs.Criteria {
		p := "c." + strconv.Itoa(i) + "."
		v.Set(p+"id", c.ID)
		v.Set(p+"fact", c.Fact)
		v.Set(p+"op", c.Op)
		v.Set(p+"value", eligibility.FormatRuleValue(c.Value, i18n.Danish))
		v.Set(p+"severity", c.Severity)
		v.Set(p+"label_da", c.LabelDA)
		v.Set(p+"label_en", c.LabelEN)
		v.Set(p+"source", c.Source)
		v.Set(p+"messages_da.pass", c.MessagesDA.Pass)
	}
	return v
}

// TestRuleSetForm: a threshold that is no number is refused at its field in
// Danish and nothing is stored; "add" gives an empty sixth criterion; a
// removed criterion and a changed threshold are saved as the proposed
// version; a preview never saves and refuses a fact it cannot read.
func TestRuleSetForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		admin := newClient(t, s).login("admin")
		ctx := context.Background()
		if st, body := admin.get("/admin/eligibility/edit?m=851"); st != http.StatusOK || !strings.Contains(body, `value="2024.2"`) {
			t.Fatalf("form: %d, the next version is not proposed", st)
		}
		rs := eligibility.Default()
		rs.Version = "2024.2"
		bad := ruleFormValues(rs, 851, 0, "save")
		bad.Set("c.3.value", "tre")
		st, body, _ := admin.post("/admin/eligibility/edit", bad)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="c3-value-error">Kriterium 4 (»Antal dosispakbare præparater«): grænsen &#34;tre&#34; skal være et tal for reglen »mindst«`) ||
			!strings.Contains(body, `value="tre"`) {
			t.Errorf("bad threshold: %d %s", st, excerpt(body))
		}
		if _, ok, _ := db.Setting(ctx, data.SettingEligibility, 851); ok {
			t.Fatal("a refused rule set was stored")
		}
		if st, body, _ := admin.post("/admin/eligibility/edit", ruleFormValues(rs, 851, 0, "add")); st != http.StatusOK || !strings.Contains(body, `id="criterion-5"`) {
			t.Errorf("add: %d, no sixth criterion", st)
		}
		preview := ruleFormValues(rs, 851, 0, "preview")
		preview.Set("fact_can_handle_roll", "måske")
		if st, body, _ := admin.post("/admin/eligibility/edit", preview); st != http.StatusUnprocessableEntity || !strings.Contains(body, "&#34;måske&#34; er hverken ja eller nej") {
			t.Errorf("preview with a bad fact: %d %s", st, excerpt(body))
		}
		preview.Set("fact_can_handle_roll", "nej")
		if st, body, _ := admin.post("/admin/eligibility/edit", preview); st != http.StatusOK || !strings.Contains(body, `id="verdict"`) || !strings.Contains(body, "Ikke egnet") {
			t.Errorf("preview: %d", st)
		}
		if _, ok, _ := db.Setting(ctx, data.SettingEligibility, 851); ok {
			t.Fatal("the preview stored the rule set")
		}
		good := ruleFormValues(rs, 851, 0, "save")
		good.Set("c.1.remove", "on")
		good.Set("c.3.value", "4")
		if st, body, _ := admin.post("/admin/eligibility/edit", good); st != http.StatusSeeOther {
			t.Fatalf("save: %d %s", st, excerpt(body))
		}
		got := dbtest.Must(db.RuleSetFor(ctx, 851))(t)
		if got.Version != "2024.2" || len(got.Criteria) != 4 || got.Criteria[2].Value != 4.0 || got.Published != "2024-01-01" {
			t.Errorf("stored %s %s, %d criteria, published %s", got.ID, got.Version, len(got.Criteria), got.Published)
		}
	})
}

// TestSettingsFormsConcurrentAdmins: two admins open the same settings;
// the first saves, the second's save over the version she was shown is
// refused (409) with a Danish message naming the first admin, and the
// first admin's values stay.
func TestSettingsFormsConcurrentAdmins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		s := start(t, db)
		setup(t, db, "Karen Jensen")
		ctx := context.Background()
		dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "admin2", Name: "Bo Admin", Role: workflow.RoleAdmin, Password: testPassword}, t0))(t)
		ada, bo := newClient(t, s).login("admin"), newClient(t, s).login("admin2")
		for _, c := range []*client{ada, bo} {
			if _, body := c.get("/admin/params"); !strings.Contains(body, `name="base" value="0"`) {
				t.Fatal("the params form does not carry its version")
			}
		}
		params := func(hours, source string) url.Values {
			return url.Values{"base": {"0"}, "value.default.hours_per_fte": {hours}, "source.default.hours_per_fte": {source}}
		}
		if st, body, _ := ada.post("/admin/params/edit", params("1600", "HR 2025")); st != http.StatusSeeOther {
			t.Fatalf("first save: %d %s", st, excerpt(body))
		}
		st, body, _ := bo.post("/admin/params/edit", params("1700", "HR 2026"))
		if st != http.StatusConflict || !strings.Contains(body, "indstillingen blev gemt af Ada Admin den 27-11-2026") {
			t.Errorf("second save: %d %s", st, excerpt(body))
		}
		if !strings.Contains(body, `name="base" value="0"`) || !strings.Contains(body, `value="1700"`) {
			t.Error("the refused form lost what was typed or moved to the newer version without a word")
		}
		if p := dbtest.Must(db.ReportParams(ctx))(t); p.Default.HoursPerFTE.Value != 1600 {
			t.Errorf("the second save overwrote the first: %v", p.Default.HoursPerFTE.Value)
		}
		// From the same version, Ada changes Aalborg's period and Bo
		// København's (each form posts every value it shows): both stay.
		shown := strconv.FormatInt(dbtest.Must(db.SettingVersion(ctx, data.SettingReportParams, 0))(t), 10)
		muni := func(code, days, source string) url.Values {
			v := params("1600", "HR 2025")
			v.Set("base", shown)
			v.Set("value.municipalities."+code+".period_days", days)
			v.Set("source.municipalities."+code+".period_days", source)
			return v
		}
		for _, c := range []struct {
			who  *client
			form url.Values
		}{{ada, muni("851", "28", "Aalborg apotek")}, {bo, muni("101", "21", "Københavns apotek")}} {
			if st, body, _ := c.who.post("/admin/params/edit", c.form); st != http.StatusSeeOther {
				t.Fatalf("save from version %s: %d %s", shown, st, excerpt(body))
			}
		}
		if p := dbtest.Must(db.ReportParams(ctx))(t); p.For(851).PeriodDays.Value != 28 || p.For(101).PeriodDays.Value != 21 || p.Default.HoursPerFTE.Value != 1600 {
			t.Errorf("after two saves of different municipalities from one version: Aalborg %v, København %v, hours %v; want 28, 21, 1600",
				p.For(851).PeriodDays.Value, p.For(101).PeriodDays.Value, p.Default.HoursPerFTE.Value)
		}
		rs := eligibility.Default()
		rs.Version = "2024.2"
		if st, body, _ := ada.post("/admin/eligibility/edit", ruleFormValues(rs, 851, 0, "save")); st != http.StatusSeeOther {
			t.Fatalf("first rule-set save: %d %s", st, excerpt(body))
		}
		rs.Version = "2024.3"
		rs.Criteria[3].Value = 5.0
		if st, body, _ := bo.post("/admin/eligibility/edit", ruleFormValues(rs, 851, 0, "save")); st != http.StatusConflict || !strings.Contains(body, "Ada Admin") {
			t.Errorf("second rule-set save: %d %s", st, excerpt(body))
		}
		if st, body, _ := bo.post("/admin/eligibility", url.Values{"m": {"851"}, "base": {"0"}, "reset": {"on"}}); st != http.StatusConflict {
			t.Errorf("upload over an old version: %d %s", st, excerpt(body))
		}
		if got := dbtest.Must(db.RuleSetFor(ctx, 851))(t); got.Version != "2024.2" {
			t.Errorf("in force: %s", got.Version)
		}
	})
}
