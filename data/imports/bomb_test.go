package imports_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/data/imports"
	"github.com/dosis-dk/dosis/workflow"
	"github.com/xuri/excelize/v2"
)

// xlsxBomb builds the workbook of the security review: a header row and
// rows one-cell rows at column XFD (the last of 16,384), about 0.5 MB for
// 100,000 rows. Read with GetRows it unpacks to 16,384 cells a row.
func xlsxBomb(t testing.TB, rows int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"CPR", "Navn", "Kommune"}); err != nil {
		t.Fatal(err)
	}
	for i := 2; i <= rows+1; i++ {
		if err := sw.SetRow(fmt.Sprintf("XFD%d", i), []any{"x"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXBombRefused: the zip bomb is refused at its first wide row with a
// Danish message naming the row and the column, having allocated a few
// megabytes (it used to need more than 20 GB).
func TestXLSXBombRefused(t *testing.T) {
	b := xlsxBomb(t, 100_000)
	t.Logf("bomb: %d bytes", len(b))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := imports.ReadTable(b)
	runtime.ReadMemStats(&after)
	var we *workflow.Error
	if !asInvalid(err, &we) || !strings.Contains(we.Message("da"), "række 2 har en værdi i kolonne XFD") {
		t.Fatalf("bomb: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("reading the bomb allocated %d MB", alloc>>20)
	}
}

// TestXLSXBounds: a cell over Excel's own length limit is refused naming
// its cell; a file within the bounds reads.
func TestXLSXBounds(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow("Sheet1", "A1", &[]any{"CPR", "Navn", "Kommune"}))
	must(f.SetSheetRow("Sheet1", "A2", &[]any{"010145-1236", "Karen Jensen", 851}))
	must(f.SetSheetRow("Sheet1", "CV3", &[]any{"widest column allowed"}))
	var ok bytes.Buffer
	must(f.Write(&ok))
	tab, err := imports.ReadTable(ok.Bytes())
	if err != nil || len(tab.Rows) != 2 {
		t.Fatalf("a file within the bounds: %v", err)
	}
}

func asInvalid(err error, we **workflow.Error) bool {
	e, ok := err.(*workflow.Error)
	*we = e
	return ok && e.Kind == workflow.KindInvalid
}
