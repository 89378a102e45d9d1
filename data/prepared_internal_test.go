package data

import (
	"slices"
	"testing"
	"time"
)

func TestDollarPlaceholders(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"WHERE id = ?", "WHERE id = $1"},
		{"VALUES (?, ?), (?, ?)", "VALUES ($1, $2), ($3, $4)"},
	} {
		if got := dollarPlaceholders(c.in); got != c.want {
			t.Errorf("dollarPlaceholders(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Every hot statement has as many placeholders as the code passes it is
// checked by running them (the data tests); this checks the upsert shapes.
func TestUpsertShapes(t *testing.T) {
	texts := hotTexts(false)
	for i := range upsertShapes {
		q := texts[qUpsert1+hotQuery(i)]
		if got, want := countPlaceholders(q), 7*(i+1); got != want {
			t.Errorf("upsert shape %d: %d placeholders, want %d", i, got, want)
		}
	}
}

// TestUpsertChunks: a transaction's rollup rows take one upsert statement
// up to upsertShapes rows, then one per upsertShapes and one for the rest.
func TestUpsertChunks(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []int
	}{
		{0, nil},
		{1, []int{1}},
		{14, []int{14}},
		{31, []int{31}},
		{32, []int{32}},
		{33, []int{32, 1}},
		{64, []int{32, 32}},
		{70, []int{32, 32, 6}},
	} {
		if got := upsertChunks(c.n); !slices.Equal(got, c.want) {
			t.Errorf("upsertChunks(%d) = %v, want %v", c.n, got, c.want)
		}
	}
}

func TestDBTimeScansBothForms(t *testing.T) {
	want := time.Date(2026, 3, 29, 0, 30, 0, 123456000, time.UTC)
	cph := time.FixedZone("CEST", 2*3600)
	for _, src := range []any{want, want.In(cph), "2026-03-29 00:30:00.123456+00:00", []byte("2026-03-29 02:30:00.123456+02:00")} {
		var d dbTime
		if err := d.Scan(src); err != nil {
			t.Fatalf("scan %v: %v", src, err)
		}
		if !d.Valid || !d.T.Equal(want) || d.T.Location() != time.UTC {
			t.Errorf("scan %v = %v (valid %v), want %v in UTC", src, d.T, d.Valid, want)
		}
	}
	var d dbTime
	if err := d.Scan(nil); err != nil || d.Valid || d.ptr() != nil {
		t.Errorf("scan NULL = %+v, %v", d, err)
	}
	if err := d.Scan("not a time"); err == nil {
		t.Error("scan of a non-time gave no error")
	}
}
