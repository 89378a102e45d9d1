package web

import "strconv"

// Municipality is the name of the municipality with code ("Aalborg" for
// 851): pages show names, not codes.
func (v View) Municipality(code int) string { return municipalityName(strconv.Itoa(code)) }
