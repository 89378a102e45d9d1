package reports

// Count is a count of people or events in a report; Hidden marks it
// suppressed by the statistics practice (see Suppress).
type Count struct {
	N      int
	Hidden bool
}

// Ratio is a derived figure (a share, a rate, a median, hours); Hidden marks
// it suppressed because a count it rests on is hidden or too small.
// Valid is false when it cannot be computed (a zero denominator).
type Ratio struct {
	V      float64
	Valid  bool
	Hidden bool
}

// C wraps n as a visible count.
func C(n int) Count { return Count{N: n} }

// R wraps v as a valid, visible figure.
func R(v float64) Ratio { return Ratio{V: v, Valid: true} }

// Div returns a/b as a Ratio, invalid when b is zero.
func Div(a, b float64) Ratio {
	if b == 0 {
		return Ratio{}
	}
	return R(a / b)
}

// Shown reports whether the figure has a value to show.
func (r Ratio) Shown() bool { return r.Valid && !r.Hidden }

// hideIf hides r when any of the counts is hidden.
func (r Ratio) hideIf(cs ...Count) Ratio {
	for _, c := range cs {
		if c.Hidden {
			r.Hidden = true
		}
	}
	return r
}
