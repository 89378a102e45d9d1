package eligibility

import (
	"github.com/dosis-dk/dosis/i18n"

	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// asNumber normalises any Go integer or float type (and json.Number) to
// float64. NaN and infinities are not numbers a form can mean.
func asNumber(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int8:
		f = float64(n)
	case int16:
		f = float64(n)
	case int32:
		f = float64(n)
	case int64:
		f = float64(n)
	case uint:
		f = float64(n)
	case uint8:
		f = float64(n)
	case uint16:
		f = float64(n)
	case uint32:
		f = float64(n)
	case uint64:
		f = float64(n)
	case float32:
		f = float64(n)
	case float64:
		f = n
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// asStrings accepts []string or a []any holding only strings.
func asStrings(v any) ([]string, bool) {
	switch list := v.(type) {
	case []string:
		return list, true
	case []any:
		out := make([]string, 0, len(list))
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// describe writes a value for an error message, with its JSON-ish type.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null (missing)"
	case string:
		return strconv.Quote(v)
	case []any, []string:
		return fmt.Sprintf("%v (a list)", v)
	}
	return fmt.Sprintf("%v", v)
}

// display writes a fact or threshold for a reason in plain language: "ja" or
// "yes" for true, numbers with a decimal comma in Danish, lists joined with
// "eller" or "or".
func display(v any, lang i18n.Lang) string {
	da := !lang.English()
	if n, ok := asNumber(v); ok {
		s := strconv.FormatFloat(n, 'f', -1, 64)
		if da {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	if ss, ok := asStrings(v); ok {
		or := " or "
		if da {
			or = " eller "
		}
		if len(ss) <= 1 {
			return strings.Join(ss, "")
		}
		return strings.Join(ss[:len(ss)-1], ", ") + or + ss[len(ss)-1]
	}
	switch v := v.(type) {
	case nil:
		if da {
			return "ikke oplyst"
		}
		return "not given"
	case bool:
		switch {
		case v && da:
			return "ja"
		case v:
			return "yes"
		case da:
			return "nej"
		default:
			return "no"
		}
	case string:
		return v
	}
	return fmt.Sprintf("%v", v)
}
