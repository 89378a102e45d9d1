package data_test

import (
	"context"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPeopleResolvesActorsInOneQuery: the actor ids of a page's rows
// resolve to the users' names, roles and pharmacies in one SELECT however
// many rows repeat them; a disabled user still has a name, the command line
// and a MedCom token are not looked up, and an id no user has is left out.
func TestPeopleResolvesActorsInOneQuery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		ph := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, t0))(t)
		for _, u := range []data.NewUser{
			{Username: "sygeplejerske1", Name: "Anne Hansen", Role: workflow.RoleNurse, Municipality: 851},
			{Username: "apotek1", Name: "Bo Berg", Role: workflow.RolePharmacy, PharmacyID: ph.ID},
			{Username: "leder1", Name: "Lise Lund", Role: workflow.RoleLead, Municipality: 851},
		} {
			u.Password = "correct horse battery"
			_ = dbtest.Must(db.AddUser(ctx, u, t0))(t)
		}
		admin := workflow.System("test")
		leader := dbtest.Must(db.UserByUsername(ctx, "leder1"))(t)
		if err := db.DisableUser(ctx, admin, leader.ID, t0); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for range 50 {
			ids = append(ids, "sygeplejerske1", "apotek1", "leder1", "cli:ole", "api:Aalborg EPJ", "slettet", "")
		}
		count := &selectCounter{}
		people, err := db.WithHook(count).People(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if n := count.n.Load(); n != 1 {
			t.Errorf("People ran %d SELECTs for %d ids, want 1", n, len(ids))
		}
		want := workflow.People{
			"sygeplejerske1": {Name: "Anne Hansen", Role: workflow.RoleNurse},
			"apotek1":        {Name: "Bo Berg", Role: workflow.RolePharmacy, Pharmacy: "Aalborg Apotek"},
			"leder1":         {Name: "Lise Lund", Role: workflow.RoleLead},
		}
		if len(people) != len(want) {
			t.Errorf("People = %v, want %v", people, want)
		}
		for id, p := range want {
			if people[id] != p {
				t.Errorf("People[%q] = %+v, want %+v", id, people[id], p)
			}
		}
		count.n.Store(0)
		if _, err := db.WithHook(count).People(ctx, []string{"cli:ole", ""}); err != nil || count.n.Load() != 0 {
			t.Errorf("People of no user ids ran %d SELECTs (err %v), want none", count.n.Load(), err)
		}
	})
}
