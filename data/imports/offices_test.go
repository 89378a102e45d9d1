package imports_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
)

// TestImportAsOfficesWriteIt: a citizens file as a municipal office exports
// it — Cpr.nr., Fornavn, Mellemnavn and Efternavn (joined into the name),
// Bopælskommune, "Egen læge ydernr.", Medicinadministration and a column
// the import does not know — in CSV and as Excel saved it (numbers for the
// CPR number without hyphen and the ydernummer without its leading zero).
func TestImportAsOfficesWriteIt(t *testing.T) {
	for _, file := range []string{"citizens-fornavn.csv", "citizens-fornavn.xlsx"} {
		t.Run(file, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
				rep := run(t, db, imports.Citizens, readFile(t, file), imports.Options{})
				counts(t, rep, 3, 0, 0)
				if len(rep.Ignored) != 1 || rep.Ignored[0] != "Afdeling" {
					t.Errorf("ignored columns %v, want [Afdeling]", rep.Ignored)
				}
				for cprDigits, want := range map[string]string{
					"0101451003": "Karen Marie Jensen|023456|true|012345",
					"1503501003": "Søren Ærø Østergaard|023456|false|023456",
					"2309381001": "Åse Møller||true|",
				} {
					var name string
					var help bool
					var gp *string
					if err := db.Bun().NewSelect().Table("citizens").Column("name", "medicine_help").
						ColumnExpr("(SELECT ydernummer FROM gps WHERE gps.id = citizens.gp_id)").
						Where("cpr = ?", cprDigits).Scan(context.Background(), &name, &help, &gp); err != nil {
						t.Fatal(err)
					}
					g := ""
					if gp != nil {
						g = *gp
					}
					got := name + "|" + g
					if w := strings.Split(want, "|"); got != w[0]+"|"+w[3] || help != (w[2] == "true") {
						t.Errorf("%s stored as %q help=%v, want %s", cprDigits, got, help, want)
					}
				}
			})
		})
	}
}

// TestImportOfficeFileBadRows: the same kind of file with bad rows names
// each by line, column (as the file writes it) and value, in Danish.
func TestImportOfficeFileBadRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
		rep, err := imports.Run(context.Background(), db, admin, imports.Citizens, readFile(t, "citizens-fornavn-bad.csv"), imports.Options{Now: now})
		if workflow.KindOf(err) != workflow.KindInvalid || rep == nil {
			t.Fatalf("want an invalid-input error with a report, got %v", err)
		}
		want := []string{
			`linje 3, kolonne CPR-NR (A3): værdien "XXXXXX-XXXX" er ikke et gyldigt CPR-nummer`,
			`linje 4, kolonne EFTERNAVN (C4): værdien "" mangler (og Fornavn er også tom)`,
			`linje 5, kolonne CPR-NR (A5): værdien "010145-XXXX" står også på linje 2`,
			`linje 5, kolonne KOMMUNENUMMER (D5): værdien "411" er ikke en kendt kommunekode`,
		}
		var got []string
		for _, p := range rep.Problems {
			got = append(got, p.Message("da"))
		}
		if len(got) != len(want) {
			t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
			}
		}
		if count(t, db, "citizens") != 0 {
			t.Error("a file with bad rows wrote citizens")
		}
	})
}

// TestHeaderNames: the header table's names, folded, find their column
// whatever the case, spacing, punctuation or ae/oe/aa for æ/ø/å; no name
// means two columns of one kind; a file with neither Navn nor both
// Fornavn and Efternavn is refused by its header, in Danish.
func TestHeaderNames(t *testing.T) {
	for _, c := range []struct {
		header string
		ok     bool
	}{
		{"CPR-nummer;Navn;Kommunekode", true},
		{"cpr nr.;NAVN;kommune nr", true},
		{"Personnummer;Fulde navn;Handlekommune", true},
		{"Borgers CPR-nummer;Borgers navn;Bopaelskommune", true},
		{"CPR;Fornavn;Efternavn;Kommune", true},
		{"CPR;Fornavn(e);Slægtsnavn;Kommune", true},
		{"CPR;Fornavn;Kommune", false},
		{"CPR;Efternavn;Kommune", false},
		{"Navn;Kommune", false},
	} {
		_, err := imports.Parse(imports.Citizens, []byte(c.header+"\n"), imports.Options{Now: now})
		if (err == nil) != c.ok {
			t.Errorf("%q: err = %v, want ok=%v", c.header, err, c.ok)
		}
		if err != nil && !strings.Contains(workflowMessage(err), "import af borgere") {
			t.Errorf("%q: the refusal is not in Danish: %v", c.header, workflowMessage(err))
		}
	}
	for _, k := range imports.Kinds() {
		seen := map[string]string{}
		for _, col := range imports.Columns(k) {
			for _, a := range append([]string{col.Key}, col.Aliases...) {
				f := imports.FoldHeader(a)
				if other, dup := seen[f]; dup && other != col.Key {
					t.Errorf("%s: %q names both %s and %s", k, a, other, col.Key)
				}
				seen[f] = col.Key
			}
		}
	}
}

func workflowMessage(err error) string {
	var we *workflow.Error
	if e, ok := err.(*workflow.Error); ok {
		we = e
	}
	if we == nil {
		return err.Error()
	}
	return we.Message("da")
}

// TestImportMunicipalityByName: offices write the municipality by name
// ("Aalborg Kommune", "aalborg", "Københavns Kommune") as often as by
// code; an unknown name is refused naming line, column and value, and
// nothing of the file is imported.
func TestImportMunicipalityByName(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		rep := run(t, db, imports.Citizens, readFile(t, "citizens-municipality-names.csv"), imports.Options{})
		counts(t, rep, 3, 0, 0)
		for cprDigits, want := range map[string]int{"0101451003": 851, "1503501003": 851, "2309381001": 101} {
			var code int
			if err := db.Bun().NewSelect().Table("citizens").Column("municipality_code").Where("cpr = ?", cprDigits).
				Scan(context.Background(), &code); err != nil || code != want {
				t.Errorf("%s in municipality %d (%v), want %d", cprDigits, code, err, want)
			}
		}
	})
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		rep, err := imports.Run(context.Background(), db, admin, imports.Citizens, readFile(t, "citizens-municipality-names-bad.csv"), imports.Options{Now: now})
		if workflow.KindOf(err) != workflow.KindInvalid || rep == nil || len(rep.Problems) != 1 {
			t.Fatalf("want one problem, got %v %+v", err, rep)
		}
		want := `linje 3, kolonne Bopælskommune (C3): værdien "Atlantis" skal være en kommunekode med 3 cifre (fx 851) eller et kommunenavn (fx Aalborg)`
		if got := rep.Problems[0].Message("da"); got != want {
			t.Errorf("problem:\n got %s\nwant %s", got, want)
		}
		var n int
		if err := db.Bun().NewSelect().Table("citizens").ColumnExpr("COUNT(*)").Scan(context.Background(), &n); err != nil || n != 0 {
			t.Errorf("%d citizens after the refused file (%v), want 0", n, err)
		}
	})
}
