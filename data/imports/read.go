package imports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dosis-dk/dosis/workflow"
	"github.com/xuri/excelize/v2"
)

// MaxRows is the most data rows one file may hold.
const MaxRows = 500_000

// Table is a file read into a header and rows of text cells.
type Table struct {
	// Format is "csv" or "xlsx".
	Format string
	// Encoding and Separator describe a CSV file as detected.
	Encoding  Encoding
	Separator rune
	// HeaderLine is the line (CSV) or row (Excel) of the header, from 1.
	HeaderLine int
	Header     []string
	Rows       []Row
}

// Row is one data row and the line (or Excel row) it came from, from 1.
type Row struct {
	Line  int
	Cells []string
}

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0}
)

// ReadTable reads a CSV or .xlsx file. The format is taken from the content
// (an .xlsx file is a zip archive), not the name. Empty rows are skipped;
// the first non-empty row is the header. The error is an invalid-input
// workflow.Error saying what is wrong with the file as a whole.
func ReadTable(b []byte) (*Table, error) {
	switch {
	case bytes.HasPrefix(b, zipMagic):
		return readXLSX(b)
	case bytes.HasPrefix(b, cfbMagic):
		return nil, workflow.Invalid("filen er i det gamle Excel-format (.xls); gem den som .xlsx eller CSV",
			"the file is in the old Excel format (.xls); save it as .xlsx or CSV")
	}
	return readCSV(b)
}

func readCSV(b []byte) (*Table, error) {
	text, enc := decodeText(b)
	if strings.ContainsRune(text, 0) {
		return nil, workflow.Invalid("filen er hverken CSV eller .xlsx (den indeholder binære data)",
			"the file is neither CSV nor .xlsx (it holds binary data)")
	}
	sep := detectSeparator(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	t := &Table{Format: "csv", Encoding: enc, Separator: sep}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, workflow.Invalidf("linje %d kan ikke læses som CSV: %v", "line %d cannot be read as CSV: %v", pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := r.FieldPos(0)
		if err := t.add(line, rec); err != nil {
			return nil, err
		}
	}
	return t.finish()
}

// The bounds of an .xlsx import. A zip bomb (100,000 one-cell rows at
// column XFD in 0.5 MB) used to take more than 20 GB: excelize's GetRows pads
// every row to its last column. The sheet is now read a row at a time and
// refused at the first row beyond the bounds.
const (
	// MaxColumns is the widest row an import reads (column CV).
	MaxColumns = 100
	// MaxCellLength is the longest cell, in bytes (Excel's own limit is
	// 32,767 characters).
	MaxCellLength = 32_767
	// MaxUnzipSize bounds what the whole workbook may unpack to, and
	// MaxUnzipXMLSize what a sheet or the shared strings may unpack to in
	// memory (a larger sheet is unpacked to a temporary file and streamed).
	MaxUnzipSize    = 256 << 20
	MaxUnzipXMLSize = 16 << 20
)

func readXLSX(b []byte) (t *Table, err error) {
	// excelize parses untrusted zip and XML; a damaged file must give a
	// message, not take the server down.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, workflow.Invalidf("Excel-filen er beskadiget (%v)", "the Excel file is damaged (%v)", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: MaxUnzipXMLSize})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, workflow.Invalidf("Excel-filen fylder mere end %d MB udpakket; del den op eller gem den som CSV",
				"the Excel file unpacks to more than %d MB; split it or save it as CSV", MaxUnzipSize>>20)
		}
		return nil, workflow.Invalidf("Excel-filen kan ikke åbnes: %v", "the Excel file cannot be opened: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, workflow.Invalid("Excel-filen har ingen ark", "the Excel file has no sheets")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, workflow.Invalidf("arket %q kan ikke læses: %v", "sheet %q cannot be read: %v", sheets[0], err)
	}
	defer rows.Close()
	t = &Table{Format: "xlsx", Encoding: UTF8}
	for line := 1; rows.Next(); line++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, workflow.Invalidf("række %d i arket %q kan ikke læses: %v", "row %d of sheet %q cannot be read: %v", line, sheets[0], err)
		}
		if err := checkXLSXRow(line, rec); err != nil {
			return nil, err
		}
		if err := t.add(line, rec); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, workflow.Invalidf("arket %q kan ikke læses: %v", "sheet %q cannot be read: %v", sheets[0], err)
	}
	return t.finish()
}

// checkXLSXRow refuses a row wider than MaxColumns or with a cell longer
// than MaxCellLength, naming the row and the cell.
func checkXLSXRow(line int, rec []string) error {
	if len(rec) > MaxColumns {
		col, _ := excelize.ColumnNumberToName(len(rec))
		return workflow.Invalidf("række %d har en værdi i kolonne %s; en import læser højst %d kolonner (A–CV). Slet de overflødige kolonner",
			"row %d has a value in column %s; an import reads at most %d columns (A–CV). Delete the extra columns", line, col, MaxColumns)
	}
	for i, c := range rec {
		if len(c) > MaxCellLength {
			cell, _ := excelize.CoordinatesToCellName(i+1, line)
			return workflow.Invalidf("cellen %s er for lang (%d tegn, højst %d)", "cell %s is too long (%d characters, at most %d)",
				cell, len(c), MaxCellLength)
		}
	}
	return nil
}

// add appends a record: the first non-empty one is the header.
func (t *Table) add(line int, rec []string) error {
	empty := true
	for i := range rec {
		rec[i] = strings.TrimSpace(strings.TrimPrefix(rec[i], "\uFEFF"))
		if rec[i] != "" {
			empty = false
		}
	}
	switch {
	case empty:
		return nil
	case t.Header == nil:
		t.Header, t.HeaderLine = rec, line
		return nil
	case len(t.Rows) >= MaxRows:
		return workflow.Invalidf("filen har mere end %d rækker; del den op", "the file has more than %d rows; split it", MaxRows)
	}
	t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	return nil
}

func (t *Table) finish() (*Table, error) {
	if t.Header == nil {
		return nil, workflow.Invalid("filen er tom (ingen overskriftsrække)", "the file is empty (no header row)")
	}
	return t, nil
}

// detectSeparator picks the separator (semicolon, comma or tab) that occurs
// most often outside quotes on the first non-empty line; comma when none does.
func detectSeparator(text string) rune {
	line := text
	for line != "" {
		var first string
		first, line, _ = strings.Cut(line, "\n")
		if strings.TrimSpace(first) != "" {
			line = first
			break
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}
