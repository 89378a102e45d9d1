package imports_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
)

// TestImportGPMedComIDs: the GP import reads the clinic's SOR code and EAN
// number (the MedCom receiver of CareCommunications); a bad one names its
// line, column and value, and a later file without them keeps them.
func TestImportGPMedComIDs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
		gps := dbtest.Must(db.GPs(ctx))(t)
		byYder := map[string][2]string{}
		for _, g := range gps {
			byYder[g.Ydernummer] = [2]string{g.SOR, g.EAN}
		}
		if byYder["012345"] != [2]string{"953741000016009", "5790001348120"} || byYder["023456"] != [2]string{"", ""} {
			t.Fatalf("GPs %v", byYder)
		}
		counts(t, run(t, db, imports.GPs, []byte("Ydernummer;Navn\n012345;Lægehuset Nord\n"), imports.Options{}), 0, 0, 1)
		bad := "Ydernummer;Navn;SOR-kode;EAN\n012345;Lægehuset Nord;12x;5790001348121\n"
		rep, err := imports.Run(ctx, db, admin, imports.GPs, []byte(bad), imports.Options{Now: now})
		if err == nil || len(rep.Problems) != 2 {
			t.Fatalf("bad ids: %v %+v", err, rep)
		}
		for i, want := range []string{"SOR-kode", "EAN"} {
			p := rep.Problems[i]
			if p.Line != 2 || p.Column != want || !strings.Contains(p.ReasonDA, "cifre") && !strings.Contains(p.ReasonDA, "kontrolciffer") {
				t.Errorf("problem %+v", p)
			}
		}
		for _, g := range dbtest.Must(db.GPs(ctx))(t) {
			if g.Ydernummer == "012345" && g.SOR != "953741000016009" {
				t.Errorf("a refused file changed the SOR code: %+v", g)
			}
		}
	})
}
