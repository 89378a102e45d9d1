package commands

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
)

// serve --demo on a database that holds a real admin refuses before it
// touches a user: exit 2, a message saying why, no password printed and
// the admin's password hash unchanged. (The address cannot be bound, so a
// serve that did not refuse would fail after printing the logins instead
// of serving forever.)
func TestServeDemoRefusesRealUsers(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	r.stdin = "rigtig adgangskode 1234\n"
	r.ok("user", "add", "--username", "admin", "--role", "admin", "--name", "Rigtig Admin", "--password-stdin")
	r.stdin = ""
	code, out, errs := r.run("serve", "--demo", "--addr", "127.0.0.1:-1")
	if code != ExitUsage || !strings.Contains(errs, "not a demo database") {
		t.Fatalf("serve --demo on real users: exit %d, stderr %q; want exit 2 saying it is not a demo database", code, errs)
	}
	if strings.Contains(out, "admin") || strings.Contains(out, "logins") {
		t.Errorf("serve --demo printed logins on a real database:\n%s", out)
	}
	db := dbtest.Must(data.Open(context.Background(), r.db))(t)
	defer db.Close()
	if _, err := db.Authenticate(context.Background(), "admin", "rigtig adgangskode 1234", "127.0.0.1", data.DefaultLoginThrottle(), r.now); err != nil {
		t.Errorf("the real admin cannot sign in with their own password after serve --demo: %v", err)
	}
}

// A database without users is claimed as a demo database; users added
// later do not make it real, so --demo may reset its demo logins again.
func TestServeDemoClaimsEmptyDatabase(t *testing.T) {
	r := newCLI(t)
	r.ok("db", "migrate")
	db := dbtest.Must(data.Open(context.Background(), r.db))(t)
	defer db.Close()
	ctx := context.Background()
	if err := db.ClaimDemo(ctx, "test", r.now); err != nil {
		t.Fatalf("empty database: %v", err)
	}
	r.ok("user", "add", "--username", "admin", "--role", "admin", "--name", "Demo Admin")
	if err := db.ClaimDemo(ctx, "test", r.now); err != nil {
		t.Fatalf("claimed database with users: %v", err)
	}
	if ok := dbtest.Must(db.IsDemo(ctx))(t); !ok {
		t.Error("claimed database is not a demo database")
	}
}
