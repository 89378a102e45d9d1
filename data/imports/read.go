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
		return nil, workflow.Invalid("err.import.old_excel")
	}
	return readCSV(b)
}

func readCSV(b []byte) (*Table, error) {
	text, enc := decodeText(b)
	if strings.ContainsRune(text, 0) {
		return nil, workflow.Invalid("err.import.binary")
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
				return nil, workflow.Invalid("err.import.csv_line_unreadable", pe.Line, pe.Err)
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
			t, err = nil, workflow.Invalid("err.import.excel_damaged", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: MaxUnzipXMLSize})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, workflow.Invalid("err.import.excel_too_large", MaxUnzipSize>>20)
		}
		return nil, workflow.Invalid("err.import.excel_unopenable", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, workflow.Invalid("err.import.excel_no_sheets")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, workflow.Invalid("err.import.sheet_unreadable", sheets[0], err)
	}
	defer rows.Close()
	t = &Table{Format: "xlsx", Encoding: UTF8}
	for line := 1; rows.Next(); line++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, workflow.Invalid("err.import.row_unreadable", line, sheets[0], err)
		}
		if err := checkXLSXRow(line, rec); err != nil {
			return nil, err
		}
		if err := t.add(line, rec); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, workflow.Invalid("err.import.sheet_unreadable", sheets[0], err)
	}
	return t.finish()
}

// checkXLSXRow refuses a row wider than MaxColumns or with a cell longer
// than MaxCellLength, naming the row and the cell.
func checkXLSXRow(line int, rec []string) error {
	if len(rec) > MaxColumns {
		col, _ := excelize.ColumnNumberToName(len(rec))
		return workflow.Invalid("err.import.too_many_columns", line, col, MaxColumns)
	}
	for i, c := range rec {
		if len(c) > MaxCellLength {
			cell, _ := excelize.CoordinatesToCellName(i+1, line)
			return workflow.Invalid("err.import.cell_too_long", cell, len(c), MaxCellLength)
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
		return workflow.Invalid("err.import.too_many_rows", MaxRows)
	}
	t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	return nil
}

func (t *Table) finish() (*Table, error) {
	if t.Header == nil {
		return nil, workflow.Invalid("err.import.empty")
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
