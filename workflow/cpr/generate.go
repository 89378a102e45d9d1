package cpr

import (
	"fmt"
	"math/rand/v2"

	"github.com/dosis-dk/dosis/workflow/calendar"
)

// Generate returns a synthetic CPR number for demonstrations and tests.
//
// The number is valid in form: its first six digits are the calendar date
// of birth (birth's own year, month and day, in birth's location), its
// seventh digit is chosen at random among those that give birth's century,
// and its last digit is odd for Male and even for Female.
//
// Generated numbers deliberately fail the modulus-11 check. Before 2007
// every issued CPR number passed it, so a generated number can never be a
// real number issued before 2007. Numbers issued since 2007 need not pass
// modulus-11, so a generated number may still coincide with a real number
// issued since then: do not treat generated numbers as guaranteed
// fictitious, and never mix them with real patient data.
//
// Generate returns an error if the birth year cannot be encoded (outside
// 1858–2057) or sex is neither Male nor Female. If rng is nil, the global
// source of math/rand/v2 is used.
func Generate(rng *rand.Rand, birth calendar.Date, sex Sex) (Number, error) {
	if sex != Male && sex != Female {
		return Number{}, fmt.Errorf("cpr.Generate: sex %q is neither %q nor %q", sex, Male, Female)
	}
	year, month, day := birth.Year(), birth.Month(), birth.Day()
	if year < 1858 || year > 2057 {
		return Number{}, fmt.Errorf("cpr.Generate: birth year %d cannot be encoded in a CPR number (1858-2057)", year)
	}
	intN := rand.IntN
	if rng != nil {
		intN = rng.IntN
	}
	yy := year % 100
	var sevenths []byte
	for d := byte(0); d <= 9; d++ {
		if fullYear(yy, d) == year {
			sevenths = append(sevenths, d)
		}
	}
	digits := []byte(fmt.Sprintf("%02d%02d%02d%d%02d0", day, int(month), yy, sevenths[intN(len(sevenths))], intN(100)))
	// The last digit has weight 1, so at most one value of it makes the
	// modulus-11 sum divisible by 11. Choose among the others with the
	// right parity.
	rest := mod11Sum(string(digits)) % 11
	var lasts []byte
	for d := byte(0); d <= 9; d++ {
		if (d%2 == 1) == (sex == Male) && (rest+int(d))%11 != 0 {
			lasts = append(lasts, d)
		}
	}
	digits[9] = '0' + lasts[intN(len(lasts))]
	return Number{digits: string(digits)}, nil
}
