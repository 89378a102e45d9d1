package web

import (
	"context"
	"fmt"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/workflow"
)

// DemoLogin is a demo user's username and generated password.
type DemoLogin struct {
	Role     workflow.Role
	Username string
	Password string
}

// DemoMunicipality is where the demo nurse and project lead work (Aalborg).
const DemoMunicipality = 851

// DemoUsers creates one user per role with generated passwords: nurse and
// project lead in Aalborg, pharmacy staff at a pharmacy in Aalborg (made if
// there is none), the steering group and an admin. A username that exists
// gets a new password instead, so `serve --demo` can be run again. It
// refuses a database not claimed as a demo database (data.DB.ClaimDemo).
func DemoUsers(ctx context.Context, db *data.DB, now time.Time) ([]DemoLogin, error) {
	if ok, err := db.IsDemo(ctx); err != nil {
		return nil, err
	} else if !ok {
		return nil, workflow.Invalid("err.demo.not_demo_database")
	}
	ph, err := demoPharmacy(ctx, db, now)
	if err != nil {
		return nil, err
	}
	users := []data.NewUser{
		{Username: "sygeplejerske", Name: "Sofie Sygeplejerske", Role: workflow.RoleNurse, Municipality: DemoMunicipality},
		{Username: "apotek", Name: "Anders Apoteker", Role: workflow.RolePharmacy, PharmacyID: ph.ID},
		{Username: "projektleder", Name: "Pia Projektleder", Role: workflow.RoleLead, Municipality: DemoMunicipality},
		{Username: "styregruppe", Name: "Styregruppen", Role: workflow.RoleSteering},
		{Username: "admin", Name: "Administrator", Role: workflow.RoleAdmin},
	}
	var out []DemoLogin
	for _, u := range users {
		u.Password = GeneratePassword()
		if _, err := db.UserByUsername(ctx, u.Username); err == nil {
			if err := db.SetPassword(ctx, u.Username, u.Password, now); err != nil {
				return nil, err
			}
		} else if _, err := db.AddUser(ctx, u, now); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", u.Username, err)
		}
		out = append(out, DemoLogin{Role: u.Role, Username: u.Username, Password: u.Password})
	}
	return out, nil
}

func demoPharmacy(ctx context.Context, db *data.DB, now time.Time) (workflow.Pharmacy, error) {
	ps, err := db.Pharmacies(ctx)
	if err != nil {
		return workflow.Pharmacy{}, err
	}
	for _, p := range ps {
		if p.Municipality == DemoMunicipality {
			return p, nil
		}
	}
	return db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Budolfi Apotek (demo)", Municipality: DemoMunicipality}, now)
}
