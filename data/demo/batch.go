package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/workflow/calendar"
	"github.com/uptrace/bun/schema"
)

// rawSQL is a value written into the statement as is (a subquery).
type rawSQL string

// batch accumulates rows of one table as one multi-row INSERT statement.
// Values are formatted inline by the engine's bun dialect, exactly as bun
// would format them, so statement size (not bind parameters) is the limit.
type batch struct {
	table string
	cols  int
	head  string
	d     schema.Dialect
	buf   []byte
	rows  int
	total int
}

// maxBatchRows and maxBatchBytes bound one statement.
const (
	maxBatchRows  = 1000
	maxBatchBytes = 512 << 10
)

func newBatch(d schema.Dialect, table string, cols ...string) *batch {
	return &batch{table: table, cols: len(cols), d: d,
		head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "}
}

// add appends one row; the values must match the columns in number.
func (b *batch) add(vals ...any) {
	if len(vals) != b.cols {
		panic(fmt.Sprintf("demo: %s row has %d values, want %d", b.table, len(vals), b.cols))
	}
	if b.rows == 0 {
		b.buf = append(b.buf[:0], b.head...)
	} else {
		b.buf = append(b.buf, ", "...)
	}
	b.buf = append(b.buf, '(')
	for i, v := range vals {
		if i > 0 {
			b.buf = append(b.buf, ", "...)
		}
		b.buf = b.value(b.buf, v)
	}
	b.buf = append(b.buf, ')')
	b.rows++
	b.total++
}

func (b *batch) value(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "NULL"...)
	case string:
		return b.d.AppendString(buf, x)
	case int:
		return strconv.AppendInt(buf, int64(x), 10)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case bool:
		return b.d.AppendBool(buf, x)
	case time.Time:
		return b.d.AppendTime(buf, x)
	case *time.Time:
		if x == nil {
			return append(buf, "NULL"...)
		}
		return b.d.AppendTime(buf, *x)
	case calendar.Date:
		if x.IsZero() {
			return append(buf, "NULL"...)
		}
		return b.d.AppendString(buf, x.String())
	case rawSQL:
		return append(buf, x...)
	}
	panic(fmt.Sprintf("demo: %s: cannot write a %T", b.table, v))
}

// full reports whether the batch should be flushed.
func (b *batch) full() bool { return b.rows >= maxBatchRows || len(b.buf) >= maxBatchBytes }

// execer runs a statement: the *sql.Tx of the municipality's transaction.
// Statements go to database/sql directly, past bun's query formatter,
// since they carry no placeholders.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// flush executes the pending rows, if any.
func (b *batch) flush(ctx context.Context, db execer) error {
	if b.rows == 0 {
		return nil
	}
	if _, err := db.ExecContext(ctx, string(b.buf)); err != nil {
		return fmt.Errorf("insert %d rows into %s: %w", b.rows, b.table, err)
	}
	b.rows = 0
	b.buf = b.buf[:0]
	return nil
}
