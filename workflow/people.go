package workflow

import (
	"strings"

	"github.com/dosis-dk/dosis/i18n"
)

// The prefixes of actor ids that are not users: the command line run by an
// operator on the server (System) and a MedCom API token.
const (
	actorPrefixCLI = "cli:"
	actorPrefixAPI = "api:"
)

// Person is the user behind an actor id as the users table knows them
// when a page is read: audit rows keep the id they were written with, and
// the name is resolved at read time.
type Person struct {
	Name string
	Role Role
	// Pharmacy names the pharmacy of pharmacy staff.
	Pharmacy string
}

// People maps actor ids (usernames) to the people they are; the data
// layer reads it for a page's ids in one query.
type People map[string]Person

// Who is how a screen names the actor id of a stored row: a user by full
// name with the role they acted in (role, when the row kept it; else
// their role now), pharmacy staff by name and pharmacy; the command line
// and a MedCom API token as such, with the name they gave; an id no user
// has (a user since removed, an id from an import) as it was recorded.
func (p People) Who(id string, role Role, lang i18n.Lang) string {
	if rest, ok := strings.CutPrefix(id, actorPrefixCLI); ok {
		return i18n.Tf(lang, "actor.cli", rest)
	}
	if rest, ok := strings.CutPrefix(id, actorPrefixAPI); ok {
		return i18n.Tf(lang, "actor.api", rest)
	}
	u, ok := p[id]
	if !ok || u.Name == "" {
		return id
	}
	if role == "" {
		role = u.Role
	}
	if role == RolePharmacy && u.Pharmacy != "" {
		return u.Name + ", " + u.Pharmacy
	}
	if role == "" {
		return u.Name
	}
	return u.Name + ", " + strings.ToLower(i18n.T(lang, "role."+string(role)))
}

// IsUserID reports whether id may name a user (not the command line or a
// MedCom API token): the ids People needs to look up.
func IsUserID(id string) bool {
	return id != "" && !strings.HasPrefix(id, actorPrefixCLI) && !strings.HasPrefix(id, actorPrefixAPI)
}
