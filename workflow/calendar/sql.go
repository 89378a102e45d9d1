package calendar

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Scan implements sql.Scanner for a SQL DATE column. It accepts what the
// drivers return: a time.Time (pgx for DATE, modernc.org/sqlite for a
// declared DATE holding a date or timestamp), whose own year, month and
// day are taken; a "yyyy-mm-dd" string or byte slice, optionally followed
// by a clock time (SQLite text); and NULL, which gives the zero Date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = wallDate(v)
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("calendar: cannot scan %T into a Date", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	if len(s) < 10 {
		return fmt.Errorf("calendar: scan date %q: want yyyy-mm-dd", s)
	}
	v, err := ParseDate(s[:10])
	if err != nil {
		return fmt.Errorf("calendar: scan: %w", err)
	}
	*d = v
	return nil
}

// Value implements driver.Valuer: "yyyy-mm-dd", which both engines read as
// a DATE and SQLite stores and compares as text, or NULL for the zero
// Date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// MarshalText implements encoding.TextMarshaler (and so JSON): ISO
// "yyyy-mm-dd", or "" for the zero Date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: "" gives the zero
// Date; otherwise any form [ParseDate] accepts.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
