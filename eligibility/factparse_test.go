package eligibility

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseFacts(t *testing.T) {
	rs := Default()
	for _, tc := range []struct {
		name    string
		raw     map[string]string
		want    Facts
		wantErr string // part of the Danish message
	}{
		{"danish yes", map[string]string{"can_handle_roll": " ja "}, Facts{"can_handle_roll": true}, ""},
		{"danish no, any case", map[string]string{"can_handle_roll": "Nej"}, Facts{"can_handle_roll": false}, ""},
		{"english and digits", map[string]string{"can_handle_roll": "YES", "no_change_expected": "0"},
			Facts{"can_handle_roll": true, "no_change_expected": false}, ""},
		{"true/false", map[string]string{"can_handle_roll": "false", "no_change_expected": "True"},
			Facts{"can_handle_roll": false, "no_change_expected": true}, ""},
		{"numbers", map[string]string{"months_without_change": "6", "packable_medicine_count": "2,5"},
			Facts{"months_without_change": 6.0, "packable_medicine_count": 2.5}, ""},
		{"empty is unknown", map[string]string{"can_handle_roll": "  "}, Facts{}, ""},
		{"not yes or no", map[string]string{"can_handle_roll": "måske"}, nil, `(can_handle_roll): "måske" er hverken ja eller nej`},
		{"not a number", map[string]string{"months_without_change": "abc"}, nil, `(months_without_change): "abc" er ikke et tal`},
		{"infinity", map[string]string{"months_without_change": "Inf"}, nil, `"Inf" er ikke et tal`},
		{"unknown fact", map[string]string{"shoe_size": "42"}, nil, `faktum "shoe_size" kendes ikke`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rs.ParseFacts(tc.raw)
			if tc.wantErr != "" {
				var fe *FactError
				if !errors.As(err, &fe) || !strings.Contains(fe.MsgDA, tc.wantErr) || fe.MsgEN == "" {
					t.Fatalf("error %v, want a FactError with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
