package imports_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
)

// TestPreviewThenCommit: the web's two steps. A preview writes nothing but
// keeps the file; the commit imports exactly those bytes (checked by hash)
// once; a wrong hash, another admin, an expired upload or a second commit
// import nothing; a file with bad rows is not kept; an oversized file is
// refused before it is read.
func TestPreviewThenCommit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
		b := readFile(t, "citizens-fornavn.csv")
		rep, up, err := imports.Preview(ctx, db, admin, imports.Citizens, "borgere.csv", b, imports.Options{Now: now})
		if err != nil || up.Token == "" || up.SHA256 != imports.ContentHash(b) {
			t.Fatalf("preview: %v, upload %+v", err, up)
		}
		counts(t, rep, 3, 0, 0)
		if rep.Written || count(t, db, "citizens") != 0 {
			t.Fatal("the preview wrote citizens")
		}
		if len(rep.Samples) != 3 || rep.Samples[0].Action != imports.ActionNew || rep.Samples[0].Key != "010145-XXXX" ||
			rep.Samples[0].Name != "Karen Marie Jensen" || rep.Samples[0].Line != 2 {
			t.Errorf("samples: %+v", rep.Samples)
		}
		other := workflow.System("someone-else")
		for _, c := range []struct {
			name  string
			actor workflow.Actor
			token string
			sha   string
			at    time.Time
		}{
			{"wrong hash", admin, up.Token, imports.ContentHash([]byte("other")), now},
			{"another admin", other, up.Token, up.SHA256, now},
			{"unknown token", admin, "nope", up.SHA256, now},
			{"expired", admin, up.Token, up.SHA256, now.Add(imports.UploadTTL)},
		} {
			if _, _, err := imports.Commit(ctx, db, c.actor, c.token, c.sha, c.at); workflow.KindOf(err) != workflow.KindConflict {
				t.Errorf("%s: %v, want a conflict", c.name, err)
			}
		}
		if count(t, db, "citizens") != 0 {
			t.Fatal("a refused commit wrote citizens")
		}
		rep, _, err = imports.Commit(ctx, db, admin, up.Token, up.SHA256, now.Add(time.Minute))
		if err != nil || !rep.Written {
			t.Fatalf("commit: %v", err)
		}
		counts(t, rep, 3, 0, 0)
		if count(t, db, "citizens") != 3 || count(t, db, "import_uploads") != 0 {
			t.Errorf("after the commit: %d citizens, %d uploads kept", count(t, db, "citizens"), count(t, db, "import_uploads"))
		}
		if _, _, err := imports.Commit(ctx, db, admin, up.Token, up.SHA256, now.Add(time.Minute)); workflow.KindOf(err) != workflow.KindConflict {
			t.Errorf("a second commit: %v", err)
		}

		// An update shows what it changes.
		changed := bytes.Replace(b, []byte(";Karen;Marie;Jensen;851;012345;Ja;"), []byte(";Karen;Marie;Jensen;851;012345;Nej;"), 1)
		rep, _, err = imports.Preview(ctx, db, admin, imports.Citizens, "", changed, imports.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		counts(t, rep, 0, 1, 2)
		if s := rep.Samples[0]; s.Action != imports.ActionUpdated || len(s.Changes) != 1 || s.Changes[0] !=
			(imports.Change{Column: "Medicinadministration", Old: "ja", New: "nej"}) {
			t.Errorf("the update's sample: %+v", rep.Samples[0])
		}

		n := count(t, db, "import_uploads")
		rep, up, err = imports.Preview(ctx, db, admin, imports.Citizens, "", readFile(t, "citizens-fornavn-bad.csv"), imports.Options{Now: now})
		if workflow.KindOf(err) != workflow.KindInvalid || rep == nil || len(rep.Problems) == 0 || up.Token != "" {
			t.Errorf("a bad file: %v, token %q", err, up.Token)
		}
		if count(t, db, "import_uploads") != n {
			t.Error("a file with bad rows was kept")
		}
		big := append(bytes.Repeat([]byte("x"), imports.MaxUploadBytes), '\n')
		if _, _, err := imports.Preview(ctx, db, admin, imports.Citizens, "", big, imports.Options{Now: now}); workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("an oversized file: %v", err)
		}
		// A later upload deletes the expired ones.
		if _, _, err := imports.Preview(ctx, db, admin, imports.GPs, "", readFile(t, "gps.csv"), imports.Options{Now: now.Add(2 * imports.UploadTTL)}); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "import_uploads"); got != 1 {
			t.Errorf("%d uploads kept, want only the newest", got)
		}
	})
}
