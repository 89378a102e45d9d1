// Package refdata provides reference data shipped inside the binary: the
// five Danish regions and the 98 Danish municipalities (kommuner) that have
// existed since the 2007 structural reform, with population figures.
//
// The data are embedded CSV files that are parsed on every call, so callers
// always receive fresh slices they may modify freely. See SOURCES.md for the
// origin of the figures and which of them are estimates.
package refdata

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

//go:embed regions.csv
var regionsCSV []byte

//go:embed municipalities.csv
var municipalitiesCSV []byte

// Region is a Danish region (region) as coded by Danmarks Statistik.
type Region struct {
	// Code is the four-digit region code, 1081 to 1085.
	Code int
	// Name is the official name, e.g. "Region Hovedstaden".
	Name string
}

// Municipality is a Danish municipality (kommune) as coded by Danmarks
// Statistik.
type Municipality struct {
	// Code is the official three-digit municipality code, e.g. 101.
	Code int
	// Name is the official name without the word "Kommune", e.g. "København".
	Name string
	// RegionCode is the Code of the Region the municipality belongs to.
	RegionCode int
	// Population is the number of inhabitants on 1 January 2024.
	Population int
	// Population75Plus is the number of inhabitants aged 75 or over on
	// 1 January 2024.
	Population75Plus int
}

// ParseError reports a malformed embedded CSV file. It names the file, the
// 1-based line and column, and the offending value.
type ParseError struct {
	// File is the name of the embedded file.
	File string
	// Line is the 1-based line number; the header is line 1.
	Line int
	// Column is the name of the column, or empty if the whole record is at
	// fault.
	Column string
	// Value is the offending value.
	Value string
	// Err is the underlying error.
	Err error
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("refdata: %s line %d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("refdata: %s line %d column %s: value %q: %v", e.File, e.Line, e.Column, e.Value, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Regions returns the five Danish regions sorted by code.
func Regions() ([]Region, error) {
	return parseRegions("regions.csv", regionsCSV)
}

// parseRegions parses data in the format of regions.csv.
func parseRegions(file string, data []byte) ([]Region, error) {
	var out []Region
	err := readCSV(file, data, []string{"code", "name"}, func(line int, rec []string) error {
		code, err := parseInt(file, line, "code", rec[0], 1000, 9999)
		if err != nil {
			return err
		}
		name, err := parseName(file, line, "name", rec[1])
		if err != nil {
			return err
		}
		out = append(out, Region{Code: code, Name: name})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Region) int { return a.Code - b.Code })
	return out, nil
}

// Municipalities returns the 98 Danish municipalities sorted by code. If the
// embedded file is malformed the error is a *ParseError naming the line,
// column and value.
func Municipalities() ([]Municipality, error) {
	return parseMunicipalities("municipalities.csv", municipalitiesCSV)
}

// parseMunicipalities parses data in the format of municipalities.csv.
func parseMunicipalities(file string, data []byte) ([]Municipality, error) {
	header := []string{"code", "name", "region_code", "population", "population_75plus"}
	var out []Municipality
	err := readCSV(file, data, header, func(line int, rec []string) error {
		var m Municipality
		var err error
		if m.Code, err = parseInt(file, line, header[0], rec[0], 100, 999); err != nil {
			return err
		}
		if m.Name, err = parseName(file, line, header[1], rec[1]); err != nil {
			return err
		}
		if m.RegionCode, err = parseInt(file, line, header[2], rec[2], 1000, 9999); err != nil {
			return err
		}
		if m.Population, err = parseInt(file, line, header[3], rec[3], 1, 10_000_000); err != nil {
			return err
		}
		if m.Population75Plus, err = parseInt(file, line, header[4], rec[4], 0, m.Population); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Municipality) int { return a.Code - b.Code })
	return out, nil
}

// MunicipalityByCode returns the municipality with the given three-digit
// code. The boolean is false if no municipality has that code; the error is
// non-nil only if the embedded data are malformed.
func MunicipalityByCode(code int) (Municipality, bool, error) {
	ms, err := Municipalities()
	if err != nil {
		return Municipality{}, false, err
	}
	i, found := slices.BinarySearchFunc(ms, code, func(m Municipality, c int) int { return m.Code - c })
	if !found {
		return Municipality{}, false, nil
	}
	return ms[i], true, nil
}

// MunicipalityByName returns the municipality a name written as offices
// write it denotes: "Aalborg", "aalborg kommune", "Københavns Kommune",
// "Bornholms Regionskommune", "Nordfyn" (case and spaces ignored; a
// genitive s and a trailing "kommune" or "regionskommune" allowed). The
// boolean is false if no municipality has that name.
func MunicipalityByName(name string) (Municipality, bool, error) {
	ms, err := Municipalities()
	if err != nil {
		return Municipality{}, false, err
	}
	n := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, suffix := range []string{" regionskommune", " kommune"} {
		n = strings.TrimSuffix(n, suffix)
	}
	if n == "" {
		return Municipality{}, false, nil
	}
	for _, m := range ms {
		if l := strings.ToLower(m.Name); l == n || l+"s" == n || l == n+"s" {
			return m, true, nil
		}
	}
	return Municipality{}, false, nil
}

// readCSV checks the header of data against want and calls fn for every
// following record with its 1-based line number.
func readCSV(file string, data []byte, want []string, fn func(line int, rec []string) error) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(want)
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &ParseError{File: file, Line: pe.Line, Err: pe.Err}
			}
			return &ParseError{File: file, Err: err}
		}
		line, _ := r.FieldPos(0)
		if first {
			first = false
			for i, h := range want {
				if rec[i] != h {
					return &ParseError{File: file, Line: line, Column: h, Value: rec[i], Err: errors.New("unexpected header")}
				}
			}
			continue
		}
		if err := fn(line, rec); err != nil {
			return err
		}
	}
	if first {
		return &ParseError{File: file, Line: 1, Err: errors.New("missing header")}
	}
	return nil
}

// parseInt parses a decimal integer in [lo, hi].
func parseInt(file string, line int, col, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, &ParseError{File: file, Line: line, Column: col, Value: v, Err: errors.New("not an integer")}
	}
	if n < lo || n > hi {
		return 0, &ParseError{File: file, Line: line, Column: col, Value: v, Err: fmt.Errorf("out of range [%d, %d]", lo, hi)}
	}
	return n, nil
}

// parseName checks that a name is non-empty and has no surrounding spaces.
func parseName(file string, line int, col, v string) (string, error) {
	if v == "" || strings.TrimSpace(v) != v {
		return "", &ParseError{File: file, Line: line, Column: col, Value: v, Err: errors.New("empty or padded name")}
	}
	return v, nil
}
