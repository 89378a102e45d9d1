package data_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/uptrace/bun"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func TestAddUserValidates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		ph := dbtest.Must(db.AddPharmacy(ctx, workflow.Pharmacy{Name: "Aalborg Apotek", Municipality: 851}, t0))(t)
		cases := []struct {
			name string
			in   data.NewUser
			kind workflow.Kind // KindInternal means success
		}{
			{"nurse", data.NewUser{Username: "sygpl", Name: "Sygeplejerske", Role: workflow.RoleNurse, Municipality: 851, Password: "long enough pw"}, workflow.KindInternal},
			{"pharmacy", data.NewUser{Username: "apotek", Name: "Apotek", Role: workflow.RolePharmacy, PharmacyID: ph.ID, Password: "long enough pw"}, workflow.KindInternal},
			{"duplicate username", data.NewUser{Username: "sygpl", Name: "X", Role: workflow.RoleNurse, Municipality: 851, Password: "long enough pw"}, workflow.KindInvalid},
			{"nurse without municipality", data.NewUser{Username: "n2", Name: "X", Role: workflow.RoleNurse, Password: "long enough pw"}, workflow.KindInvalid},
			{"pharmacy without pharmacy", data.NewUser{Username: "p2", Name: "X", Role: workflow.RolePharmacy, Password: "long enough pw"}, workflow.KindInvalid},
			{"steering with municipality", data.NewUser{Username: "s2", Name: "X", Role: workflow.RoleSteering, Municipality: 851, Password: "long enough pw"}, workflow.KindInvalid},
			{"short password", data.NewUser{Username: "a2", Name: "X", Role: workflow.RoleAdmin, Password: "short"}, workflow.KindInvalid},
			{"unknown role", data.NewUser{Username: "a3", Name: "X", Role: "boss", Password: "long enough pw"}, workflow.KindInvalid},
			{"unknown municipality", data.NewUser{Username: "n3", Name: "X", Role: workflow.RoleLead, Municipality: 999, Password: "long enough pw"}, workflow.KindInvalid},
		}
		for _, c := range cases {
			_, err := db.AddUser(ctx, c.in, t0)
			if c.kind == workflow.KindInternal && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if c.kind != workflow.KindInternal && workflow.KindOf(err) != c.kind {
				t.Errorf("%s: got %v, want kind %v", c.name, err, c.kind)
			}
		}
		u := dbtest.Must(db.UserByUsername(ctx, "sygpl"))(t)
		if a := u.Actor(); a.Role != workflow.RoleNurse || a.Municipality != 851 || a.UserID != "sygpl" {
			t.Errorf("actor = %+v", a)
		}
	})
}

func TestAuthenticateDisabledUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		th := data.DefaultLoginThrottle()
		u := dbtest.Must(db.AddUser(ctx, data.NewUser{Username: "admin", Name: "Admin", Role: workflow.RoleSteering, Password: "correct horse"}, t0))(t)
		if _, err := db.Authenticate(ctx, "admin", "correct horse", "10.0.0.1", th, t0); err != nil {
			t.Fatalf("good password refused: %v", err)
		}
		if err := db.DisableUser(ctx, workflow.System("test"), u.ID, t0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, "admin", "correct horse", "10.0.0.3", th, t0.Add(2*time.Hour)); workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("disabled user signed in: %v", err)
		}
		before := u.CredentialsVersion
		if err := db.SetPassword(ctx, "admin", "another long one", t0); err != nil {
			t.Fatal(err)
		}
		if after := dbtest.Must(db.User(ctx, u.ID))(t).CredentialsVersion; after != before+1 {
			t.Errorf("credentials version %d after a password change, want %d", after, before+1)
		}
	})
}

func TestSessionStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := t0
		s := db.SessionStore(func() time.Time { return now })
		if err := s.CommitCtx(ctx, "tok", []byte{1, 2, 0, 3}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "tok", []byte{4}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		b, ok, err := s.FindCtx(ctx, "tok")
		if err != nil || !ok || len(b) != 1 || b[0] != 4 {
			t.Fatalf("find = %v %v %v", b, ok, err)
		}
		// Unchanged data with an expiry moved less than five minutes is not
		// written (a write per page view); a larger move is.
		if err := s.CommitCtx(ctx, "tok", []byte{4}, t0.Add(time.Hour+30*time.Second)); err != nil {
			t.Fatal(err)
		}
		now = t0.Add(time.Hour + 10*time.Second)
		if _, ok, _ := s.FindCtx(ctx, "tok"); ok {
			t.Fatal("a commit that only moved the expiry by 30 s was written")
		}
		if err := s.CommitCtx(ctx, "tok", []byte{4}, t0.Add(time.Hour+6*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok"); !ok {
			t.Fatal("a commit that moved the expiry by 6 minutes was not written")
		}
		now = t0.Add(2 * time.Hour)
		if _, ok, _ := s.FindCtx(ctx, "tok"); ok {
			t.Fatal("expired session found")
		}
		if n, err := s.DeleteExpired(ctx); err != nil || n != 1 {
			t.Fatalf("delete expired = %d, %v", n, err)
		}
	})
}

// statementCounter counts every statement a DB runs.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *statementCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// TestSessionCommitUnchanged: a request that finds a session and commits
// it unchanged (the expiry moved by less than the slack) runs the one
// SELECT of the find and nothing else; a changed session is written and
// seen by another instance's store.
func TestSessionCommitUnchanged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		now := t0
		other := db.SessionStore(func() time.Time { return now })
		count := &statementCounter{}
		s := db.WithHook(count).SessionStore(func() time.Time { return now })
		if err := s.CommitCtx(ctx, "tok", []byte{1}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for i := range 5 { // five page views, a second apart
			now = t0.Add(time.Duration(i+1) * time.Second)
			before := count.n.Load()
			if _, ok, err := s.FindCtx(ctx, "tok"); !ok || err != nil {
				t.Fatalf("find: %v %v", ok, err)
			}
			if err := s.CommitCtx(ctx, "tok", []byte{1}, now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if n := count.n.Load() - before; n != 1 {
				t.Errorf("page view %d: %d statements, want 1 (the find)", i+1, n)
			}
		}
		if err := s.CommitCtx(ctx, "tok", []byte{2}, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := other.FindCtx(ctx, "tok"); !ok || err != nil || len(b) != 1 || b[0] != 2 {
			t.Errorf("the other instance found %v %v %v, want the changed data", b, ok, err)
		}
	})
}

func TestAccessLogAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		admin := workflow.System("test")
		_, _ = db.FindCitizenByCPR(ctx, admin, "010145-1236", t0)
		log := dbtest.Must(db.AccessLog(ctx, admin, data.AccessFilter{}))(t)
		if len(log) != 1 || log[0].What != "citizen.lookup.miss" {
			t.Fatalf("log = %+v", log)
		}
		if _, err := db.AccessLog(ctx, workflow.Actor{Role: workflow.RoleNurse, Municipality: 851}, data.AccessFilter{}); workflow.KindOf(err) != workflow.KindForbidden {
			t.Fatalf("nurse read the access log: %v", err)
		}
		if _, err := db.Bun().ExecContext(ctx, "UPDATE access_log SET actor = 'x'"); err == nil {
			t.Error("UPDATE on access_log succeeded")
		}
		if _, err := db.Bun().ExecContext(ctx, "DELETE FROM access_log"); err == nil {
			t.Error("DELETE on access_log succeeded")
		}
	})
}
