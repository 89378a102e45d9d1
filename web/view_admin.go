package web

import (
	"github.com/dosis-dk/dosis/workflow/calendar"

	"github.com/dosis-dk/dosis/i18n"

	"strconv"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// userTieForm is what the role, municipality and pharmacy selects show.
type userTieForm struct {
	Role, Municipality, Pharmacy string
	Roles                        []workflow.Role
	Municipalities               []data.Municipality
	Pharmacies                   []workflow.Pharmacy
}

// UserTie returns the view of the role and tie selects: for u (a
// data.User) its values, for nil a new user's (a nurse); what was typed
// wins after a refusal.
func (v View) UserTie(u any) View {
	f := userTieForm{Role: string(workflow.RoleNurse)}
	if x, ok := u.(data.User); ok {
		f.Role, f.Pharmacy = string(x.Role), x.PharmacyID
		if x.Municipality != 0 {
			f.Municipality = strconv.Itoa(x.Municipality)
		}
	}
	if v.FormName == "add" || v.FormName == "edit" {
		f.Role, f.Municipality, f.Pharmacy = v.Val("role", f.Role), v.Val("municipality", f.Municipality), v.Val("pharmacy", f.Pharmacy)
	}
	var list usersPage
	switch p := v.Data.(type) {
	case usersPage:
		list = p
	case userPage:
		list = p.usersPage
	}
	f.Roles, f.Municipalities, f.Pharmacies = list.Roles, list.Municipalities, list.Pharmacies
	return v.With(f)
}

// UserChangeValue shows a value of a user's change log: a role by its
// name, a pharmacy by its name, a municipality by code and name.
func (v View) UserChangeValue(field, value string) string {
	if value == "" {
		return "—"
	}
	switch field {
	case "role":
		return v.Role(workflow.Role(value))
	case "pharmacy":
		if p, ok := v.Data.(userPage); ok && p.PharmacyNames[value] != "" {
			return p.PharmacyNames[value]
		}
	case "municipality":
		if n, err := strconv.Atoi(value); err == nil {
			return v.MunicipalityName(n)
		}
	}
	return v.ChangeValue(field, value)
}

// MunicipalityName is "851 Aalborg" when the page knows the name, else the code.
func (v View) MunicipalityName(code int) string {
	if p, ok := v.Data.(userPage); ok {
		for _, m := range p.Municipalities {
			if m.Code == code {
				return strconv.Itoa(code) + " " + m.Name
			}
		}
	}
	return strconv.Itoa(code)
}

// AccessWhat names what an access-log row records ("citizen.lookup" is
// "Opslag på CPR-nummer"); a code without a text is shown as it is.
func (v View) AccessWhat(code string) string {
	if key := "accesswhat." + code; i18n.Has(key) {
		return v.T(key)
	}
	return code
}

// OngoingAbsence reports whether the absence has begun and ends after
// today, so it can be ended today.
func (v View) OngoingAbsence(a data.GPAbsenceItem) bool {
	if v.Req == nil {
		return false
	}
	today := calendar.Today(v.Req.Now)
	return !a.From.After(today) && a.To.After(today)
}
