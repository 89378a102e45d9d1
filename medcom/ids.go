package medcom

import "strings"

// CheckSOR checks a SOR code (Sundhedsvæsenets Organisationsregister):
// 6 to 18 digits. It returns the problem, or nil.
func CheckSOR(s string) *Problem {
	if len(s) < 6 || len(s) > 18 || strings.Trim(s, "0123456789") != "" {
		return problem(ProblemBadValue, "", "", "err.medcom.sor_format")
	}
	return nil
}

// CheckEAN checks an EAN (GLN) location number: 13 digits whose last is
// the GS1 check digit. It returns the problem, or nil.
func CheckEAN(s string) *Problem {
	if len(s) != 13 || strings.Trim(s, "0123456789") != "" {
		return problem(ProblemBadValue, "", "", "err.medcom.ean_format")
	}
	sum := 0
	for i := range 12 {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	if int(s[12]-'0') != (10-sum%10)%10 {
		return problem(ProblemBadValue, "", "", "err.medcom.ean_check_digit")
	}
	return nil
}
