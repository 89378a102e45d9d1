package imports_test

import (
	"github.com/dosis-dk/dosis/i18n"

	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dosis-dk/dosis/data"
	"github.com/dosis-dk/dosis/data/dbtest"
	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/xuri/excelize/v2"
)

var (
	admin = workflow.System("tester")
	now   = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run imports b and fails the test on an error.
func run(t *testing.T, db *data.DB, k imports.Kind, b []byte, o imports.Options) *imports.Report {
	t.Helper()
	o.Now = now
	rep, err := imports.Run(context.Background(), db, admin, k, b, o)
	if err != nil {
		for _, p := range rep.Problems {
			t.Log(p.Message(i18n.English))
		}
		t.Fatalf("import %s: %v", k, err)
	}
	return rep
}

func counts(t *testing.T, rep *imports.Report, wantNew, wantUpdated, wantUnchanged int) {
	t.Helper()
	if rep.New != wantNew || rep.Updated != wantUpdated || rep.Unchanged != wantUnchanged {
		t.Fatalf("got %s, want %d new, %d updated, %d unchanged", rep.Summary(i18n.English), wantNew, wantUpdated, wantUnchanged)
	}
}

func count(t *testing.T, db *data.DB, table string) int {
	t.Helper()
	n, err := db.Bun().NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// xlsx converts a semicolon CSV into an Excel workbook, every cell as text
// except whole numbers, which are stored as numbers the way Excel would
// (so leading zeros are lost, as in real files).
func xlsx(t *testing.T, csv []byte) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, line := range strings.Split(strings.TrimSpace(string(csv)), "\n") {
		for j, v := range strings.Split(line, ";") {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var val any = v
			if v != "" && strings.Trim(v, "0123456789") == "" {
				val = atoi(v)
			}
			if err := f.SetCellValue("Sheet1", cell, val); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestImportCitizensInEveryFormat(t *testing.T) {
	variants := []struct {
		name, encoding, separator string
		file                      func(t *testing.T) []byte
	}{
		{"utf8-semicolon", "UTF-8", ";", func(t *testing.T) []byte { return readFile(t, "citizens.csv") }},
		{"windows1252-crlf", "Windows-1252", ";", func(t *testing.T) []byte { return readFile(t, "citizens-windows1252.csv") }},
		{"bom-comma", "UTF-8 with BOM", ",", func(t *testing.T) []byte { return readFile(t, "citizens-bom-comma.csv") }},
		{"xlsx", "UTF-8", "", func(t *testing.T) []byte { return xlsx(t, readFile(t, "citizens.csv")) }},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *data.DB) {
				run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
				b := v.file(t)
				rep := run(t, db, imports.Citizens, b, imports.Options{})
				counts(t, rep, 4, 0, 0)
				if string(rep.Encoding) != v.encoding || rep.Separator != v.separator || !rep.Written {
					t.Errorf("read as %s / %q (written %v), want %s / %q", rep.Encoding, rep.Separator, rep.Written, v.encoding, v.separator)
				}
				if len(rep.Warnings) == 0 || rep.Warnings[len(rep.Warnings)-1].Line != 5 {
					t.Errorf("want a modulus-11 warning on line 5, got %+v", rep.Warnings)
				}
				var name string
				var help bool
				var gp string
				if err := db.Bun().NewSelect().Table("citizens").Column("name", "medicine_help").
					ColumnExpr("(SELECT ydernummer FROM gps WHERE gps.id = citizens.gp_id)").
					Where("cpr = ?", "1503501003").Scan(context.Background(), &name, &help, &gp); err != nil {
					t.Fatal(err)
				}
				if name != "Søren Ærø Østergaard" || help || gp != "023456" {
					t.Errorf("stored %q help=%v gp=%q", name, help, gp)
				}
				if n := count(t, db, "access_log"); n != 4 {
					t.Errorf("access log has %d rows, want one per imported citizen (4)", n)
				}
				// The same file again changes nothing.
				counts(t, run(t, db, imports.Citizens, b, imports.Options{}), 0, 0, 4)
				if n := count(t, db, "access_log"); n != 4 {
					t.Errorf("re-import logged access: %d rows", n)
				}
			})
		})
	}
}

func TestImportBadRowsWriteNothing(t *testing.T) {
	want := []struct {
		line           int
		column, reason string
	}{
		{2, "CPR", "not a valid CPR number"},
		{3, "Navn", "is missing"},
		{4, "Kommune", "not a known municipality"},
		{5, "Ydernummer", "not a known GP"},
		{5, "Medicinhjælp", "ja or nej"},
		{7, "CPR", "also on line 6"},
	}
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		rep, err := imports.Run(context.Background(), db, admin, imports.Citizens, readFile(t, "citizens-bad.csv"), imports.Options{Now: now})
		if workflow.KindOf(err) != workflow.KindInvalid || rep == nil {
			t.Fatalf("want an invalid-input error with a report, got %v", err)
		}
		for _, w := range want {
			found := false
			for _, p := range rep.Problems {
				found = found || (p.Line == w.line && p.Column == w.column && strings.Contains(p.ReasonEN, w.reason))
			}
			if !found {
				t.Errorf("no problem reported on line %d, column %s: %q", w.line, w.column, w.reason)
			}
		}
		if len(rep.Problems) != len(want) {
			for _, p := range rep.Problems {
				t.Log(p.Message(i18n.English))
			}
			t.Errorf("got %d problems, want %d", len(rep.Problems), len(want))
		}
		if rep.Written || count(t, db, "citizens") != 0 || count(t, db, "access_log") != 0 {
			t.Errorf("a file with bad rows wrote something")
		}
	})
}

func TestImportDryRunWritesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		gps := readFile(t, "gps.csv")
		rep := run(t, db, imports.GPs, gps, imports.Options{DryRun: true})
		counts(t, rep, 2, 0, 0)
		if rep.Written || count(t, db, "gps") != 0 {
			t.Fatalf("dry run wrote GPs")
		}
		run(t, db, imports.GPs, gps, imports.Options{})
		changed := bytes.Replace(gps, []byte("Læge Hansen"), []byte("Læge Hansen og Co"), 1)
		counts(t, run(t, db, imports.GPs, changed, imports.Options{DryRun: true}), 0, 1, 1)
		var name string
		if err := db.Bun().NewSelect().Table("gps").Column("name").Where("ydernummer = '023456'").Scan(context.Background(), &name); err != nil || name != "Læge Hansen" {
			t.Fatalf("dry run changed the GP: %q %v", name, err)
		}
		counts(t, run(t, db, imports.GPs, changed, imports.Options{}), 0, 1, 1)
	})
}

func TestImportPharmaciesAndMedicineHelp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *data.DB) {
		ph := readFile(t, "pharmacies.csv")
		counts(t, run(t, db, imports.Pharmacies, ph, imports.Options{}), 2, 0, 0)
		counts(t, run(t, db, imports.Pharmacies, ph, imports.Options{}), 0, 0, 2)
		var lead, period int
		if err := db.Bun().NewSelect().Table("pharmacies").Column("lead_time_hours", "period_days").
			Where("name = 'Nørresundby Apotek'").Scan(context.Background(), &lead, &period); err != nil || lead != 48 || period != 7 {
			t.Fatalf("pharmacy settings %d h, %d days, %v", lead, period, err)
		}
		// By id: a rename keeps the pharmacy.
		var id string
		if err := db.Bun().NewSelect().Table("pharmacies").Column("id").Where("name = 'Aalborg Svane Apotek'").Scan(context.Background(), &id); err != nil {
			t.Fatal(err)
		}
		renamed := []byte("ID;Navn;Kommune;Leveringstid\n" + id + ";Svaneapoteket Aalborg;851;36,0\n")
		counts(t, run(t, db, imports.Pharmacies, renamed, imports.Options{}), 0, 1, 0)
		if n := count(t, db, "pharmacies"); n != 2 {
			t.Fatalf("%d pharmacies after a rename by id, want 2", n)
		}
		// --municipality fills the column and refuses other codes.
		other := []byte("Navn;Kommune\nLokal Apotek;\nFremmed Apotek;101\n")
		rep, err := imports.Run(context.Background(), db, admin, imports.Pharmacies, other, imports.Options{Municipality: 851, Now: now})
		if err == nil || len(rep.Problems) != 1 || rep.Problems[0].Line != 3 {
			t.Fatalf("want line 3 refused for another municipality, got %v %+v", err, rep)
		}

		run(t, db, imports.GPs, readFile(t, "gps.csv"), imports.Options{})
		run(t, db, imports.Citizens, readFile(t, "citizens.csv"), imports.Options{})
		help := readFile(t, "medicine-help.csv")
		counts(t, run(t, db, imports.MedicineHelp, help, imports.Options{}), 0, 2, 0)
		counts(t, run(t, db, imports.MedicineHelp, help, imports.Options{}), 0, 0, 2)
		// The since date is stored with the help, and a new date alone is a change.
		var since time.Time
		if err := db.Bun().NewSelect().Table("citizens").Column("medicine_help_since").Where("cpr = '0101451236'").
			Scan(context.Background(), &since); err != nil || since.UTC().Format("02-01-2006") != "15-01-2026" {
			t.Fatalf("medicine help since %v, %v; want 15-01-2026", since, err)
		}
		counts(t, run(t, db, imports.MedicineHelp, []byte("CPR;Medicinhjælp;Fra\n0101451236;ja;20-01-2026\n"), imports.Options{}), 0, 1, 0)
		unknown := []byte("CPR;Medicinhjælp;Fra\n121132-1004;ja;01-01-2027\n")
		rep, err = imports.Run(context.Background(), db, admin, imports.MedicineHelp, unknown, imports.Options{Now: now})
		if err == nil || len(rep.Problems) != 2 {
			t.Fatalf("want an unknown citizen and a future date reported, got %v %+v", err, rep)
		}
	})
}

func TestImportRefusesNonAdmins(t *testing.T) {
	db := dbtest.Open(t, "sqlite")
	nurse := workflow.Actor{UserID: "n", Role: workflow.RoleNurse, Municipality: 851}
	_, err := imports.Run(context.Background(), db, nurse, imports.GPs, readFile(t, "gps.csv"), imports.Options{Now: now})
	if workflow.KindOf(err) != workflow.KindForbidden {
		t.Fatalf("want forbidden, got %v", err)
	}
}
