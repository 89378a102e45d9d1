package refdata

import (
	"errors"
	"strings"
	"testing"
)

func mustMunicipalities(t *testing.T) []Municipality {
	t.Helper()
	ms, err := Municipalities()
	if err != nil {
		t.Fatalf("Municipalities: %v", err)
	}
	return ms
}

func TestRegions(t *testing.T) {
	rs, err := Regions()
	if err != nil {
		t.Fatalf("Regions: %v", err)
	}
	want := []Region{
		{1081, "Region Nordjylland"},
		{1082, "Region Midtjylland"},
		{1083, "Region Syddanmark"},
		{1084, "Region Hovedstaden"},
		{1085, "Region Sjælland"},
	}
	if len(rs) != len(want) {
		t.Fatalf("got %d regions, want %d", len(rs), len(want))
	}
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("region %d = %+v, want %+v", i, rs[i], want[i])
		}
	}
}

func TestMunicipalitiesCountAndUniqueness(t *testing.T) {
	ms := mustMunicipalities(t)
	if len(ms) != 98 {
		t.Fatalf("got %d municipalities, want 98", len(ms))
	}
	codes := map[int]bool{}
	names := map[string]bool{}
	for i, m := range ms {
		if codes[m.Code] {
			t.Errorf("duplicate code %d", m.Code)
		}
		if names[m.Name] {
			t.Errorf("duplicate name %q", m.Name)
		}
		codes[m.Code] = true
		names[m.Name] = true
		if i > 0 && ms[i-1].Code >= m.Code {
			t.Errorf("not sorted by code at index %d: %d then %d", i, ms[i-1].Code, m.Code)
		}
	}
}

func TestMunicipalitiesPerRegion(t *testing.T) {
	rs, err := Regions()
	if err != nil {
		t.Fatalf("Regions: %v", err)
	}
	valid := map[int]bool{}
	for _, r := range rs {
		valid[r.Code] = true
	}
	count := map[int]int{}
	for _, m := range mustMunicipalities(t) {
		if !valid[m.RegionCode] {
			t.Errorf("%d %s: invalid region code %d", m.Code, m.Name, m.RegionCode)
		}
		count[m.RegionCode]++
	}
	tests := []struct {
		region int
		want   int
	}{
		{1081, 11}, // Nordjylland
		{1082, 19}, // Midtjylland
		{1083, 22}, // Syddanmark
		{1084, 29}, // Hovedstaden
		{1085, 17}, // Sjælland
	}
	for _, tt := range tests {
		if got := count[tt.region]; got != tt.want {
			t.Errorf("region %d has %d municipalities, want %d", tt.region, got, tt.want)
		}
		if count[tt.region] < 11 {
			t.Errorf("region %d has fewer than 11 municipalities", tt.region)
		}
	}
}

func TestMunicipalityByCode(t *testing.T) {
	tests := []struct {
		code   int
		name   string
		region int
	}{
		{101, "København", 1084},
		{147, "Frederiksberg", 1084},
		{461, "Odense", 1083},
		{751, "Aarhus", 1082},
		{851, "Aalborg", 1081},
		{400, "Bornholm", 1084},
		{825, "Læsø", 1081},
		{169, "Høje-Taastrup", 1084},
		{492, "Ærø", 1083},
	}
	for _, tt := range tests {
		m, ok, err := MunicipalityByCode(tt.code)
		if err != nil {
			t.Fatalf("MunicipalityByCode(%d): %v", tt.code, err)
		}
		if !ok {
			t.Errorf("MunicipalityByCode(%d): not found", tt.code)
			continue
		}
		if m.Code != tt.code || m.Name != tt.name || m.RegionCode != tt.region {
			t.Errorf("MunicipalityByCode(%d) = %+v, want name %q region %d", tt.code, m, tt.name, tt.region)
		}
	}
}

func TestMunicipalityByCodeAbsent(t *testing.T) {
	for _, code := range []int{411, 0, 102, 999, -1} { // 411 Christiansø is not a municipality
		if m, ok, err := MunicipalityByCode(code); err != nil || ok {
			t.Errorf("MunicipalityByCode(%d) = %+v, %v, %v; want not found", code, m, ok, err)
		}
	}
}

func TestPopulation(t *testing.T) {
	var total, total75 int
	for _, m := range mustMunicipalities(t) {
		if m.Population <= 0 {
			t.Errorf("%d %s: population %d", m.Code, m.Name, m.Population)
		}
		if m.Population75Plus >= m.Population {
			t.Errorf("%d %s: 75+ count %d not below population %d", m.Code, m.Name, m.Population75Plus, m.Population)
		}
		total += m.Population
		total75 += m.Population75Plus
	}
	if total < 5_800_000 || total > 6_000_000 {
		t.Errorf("total population %d, want between 5.8 and 6.0 million", total)
	}
	if total75 < 480_000 || total75 > 600_000 {
		t.Errorf("total 75+ %d, want between 480,000 and 600,000", total75)
	}
}

func TestCallersGetFreshSlices(t *testing.T) {
	a := mustMunicipalities(t)
	a[0].Name = "changed"
	b := mustMunicipalities(t)
	if b[0].Name == "changed" {
		t.Error("Municipalities shares state between calls")
	}
}

func TestParseErrors(t *testing.T) {
	const header = "code,name,region_code,population,population_75plus\n"
	tests := []struct {
		name   string
		data   string
		line   int
		column string
		value  string
	}{
		{"bad header", "kode,name,region_code,population,population_75plus\n", 1, "code", "kode"},
		{"code not int", header + "101,København,1084,100,10\nabc,X,1084,100,10\n", 3, "code", "abc"},
		{"code out of range", header + "1010,X,1084,100,10\n", 2, "code", "1010"},
		{"empty name", header + "101,,1084,100,10\n", 2, "name", ""},
		{"bad population", header + "101,X,1084,1e5,10\n", 2, "population", "1e5"},
		{"75+ above population", header + "101,X,1084,100,200\n", 2, "population_75plus", "200"},
		{"wrong field count", header + "101,X,1084,100\n", 2, "", ""},
		{"empty file", "", 1, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseMunicipalities("test.csv", []byte(tt.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v, want *ParseError", err)
			}
			if pe.Line != tt.line || pe.Column != tt.column || pe.Value != tt.value {
				t.Errorf("got line %d column %q value %q, want line %d column %q value %q",
					pe.Line, pe.Column, pe.Value, tt.line, tt.column, tt.value)
			}
			msg := err.Error()
			if !strings.Contains(msg, "test.csv") {
				t.Errorf("error %q does not name the file", msg)
			}
			if tt.column != "" && (!strings.Contains(msg, tt.column) || !strings.Contains(msg, "line")) {
				t.Errorf("error %q does not name line and column", msg)
			}
		})
	}
}

// TestMunicipalityByName: the names offices write find the municipality.
func TestMunicipalityByName(t *testing.T) {
	for _, tt := range []struct {
		name string
		code int
	}{
		{"Aalborg", 851}, {"aalborg kommune", 851}, {"  Aalborg   Kommune ", 851}, {"Københavns Kommune", 101},
		{"KØBENHAVN", 101}, {"Bornholms Regionskommune", 400}, {"Nordfyns Kommune", 480}, {"Nordfyn", 480},
		{"Lyngby-Taarbæk Kommune", 173}, {"Atlantis", 0}, {"", 0}, {"Kommune", 0}, {"851", 0},
	} {
		m, ok, err := MunicipalityByName(tt.name)
		if err != nil || ok != (tt.code != 0) || m.Code != tt.code {
			t.Errorf("MunicipalityByName(%q) = %d, %v, %v; want %d", tt.name, m.Code, ok, err, tt.code)
		}
	}
}
