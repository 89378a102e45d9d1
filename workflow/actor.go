package workflow

import "slices"

// Role is a user's role; it decides what an actor may do and see.
type Role string

// The roles.
const (
	RoleNurse    Role = "nurse"
	RolePharmacy Role = "pharmacy"
	RoleLead     Role = "lead"
	RoleSteering Role = "steering"
	RoleAdmin    Role = "admin"
)

// Roles lists every role in a stable order.
func Roles() []Role {
	return []Role{RoleNurse, RolePharmacy, RoleLead, RoleSteering, RoleAdmin}
}

// ParseRole returns the role named s or an invalid-input error naming it.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if slices.Contains(Roles(), r) {
		return r, nil
	}
	return "", Invalid("err.role.unknown", s)
}

// Actor is who does something: a user with a role, tied to a municipality
// (nurse, project lead) or a pharmacy (pharmacy staff).
type Actor struct {
	UserID       string
	Name         string
	Role         Role
	Municipality int
	PharmacyID   string
}

// Scope is the part of the data an actor may read: a municipality, a
// pharmacy, or everything (admin). The steering group reads aggregates only
// and gets no citizen scope at all.
type Scope struct {
	All          bool
	Municipality int
	PharmacyID   string
	// None is set for roles that may not read citizen data.
	None bool
}

// Scope returns the actor's data scope.
func (a Actor) Scope() Scope {
	switch a.Role {
	case RoleAdmin:
		return Scope{All: true}
	case RoleNurse, RoleLead:
		return Scope{Municipality: a.Municipality}
	case RolePharmacy:
		return Scope{PharmacyID: a.PharmacyID}
	}
	return Scope{None: true}
}

// System is the actor for the command line run by an operator on the server.
func System(name string) Actor {
	return Actor{UserID: "cli:" + name, Name: name, Role: RoleAdmin}
}
