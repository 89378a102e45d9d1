package web

import "github.com/dosis-dk/dosis/reports"

// Municipality is the name of the municipality with code ("Aalborg" for
// 851): pages show names, not codes.
func (v View) Municipality(code int) string { return reports.MunicipalityName(code) }
