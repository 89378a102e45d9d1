package imports_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/i18n"
	"github.com/dosis-dk/dosis/workflow"
)

// TestImportMunicipalityOption: the municipality for rows without one
// (--municipality, the import page's choice) must exist; 999 was refused
// on every row instead, as "column municipality ()" for a file without the
// column. A row naming another municipality is refused in words that fit
// the web page as well as the flag (the Danish page said "givet med
// --municipality").
func TestImportMunicipalityOption(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		file := []byte("CPR;Navn\n010145-1236;Karen Jensen\n")
		rep, err := imports.Run(ctx, db, admin, imports.Citizens, file, imports.Options{Municipality: 999, Now: now})
		var we *workflow.Error
		if !errors.As(err, &we) || we.Kind != workflow.KindInvalid || !strings.Contains(we.Message(i18n.Danish), "kommunekoden 999 findes ikke") {
			t.Fatalf("--municipality 999: %v", err)
		}
		if rep != nil && len(rep.Problems) > 0 {
			t.Errorf("the unknown municipality was reported per row: %v", rep.Problems)
		}
		if n := count(t, db, "citizens"); n != 0 {
			t.Errorf("%d citizens written", n)
		}
		rep, err = imports.Run(ctx, db, admin, imports.Citizens, []byte("CPR;Navn;Kommune\n010145-1236;Karen Jensen;101\n"),
			imports.Options{Municipality: 851, Now: now})
		if workflow.KindOf(err) != workflow.KindInvalid || rep == nil || len(rep.Problems) != 1 {
			t.Fatalf("a row of another municipality: %v %+v", err, rep)
		}
		da := rep.Problems[0].Message(i18n.Danish)
		if !strings.Contains(da, "er ikke den kommune, der er valgt til importen (851)") || strings.Contains(da, "--municipality") {
			t.Errorf("Danish refusal: %q", da)
		}
	})
}
