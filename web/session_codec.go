package web

import (
	"bytes"
	"encoding/gob"
	"maps"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec encodes a session's values in key order, so the same
// session always encodes to the same bytes. scs's GobCodec encodes the
// values map in Go's random iteration order: a session of three keys had
// three encodings, so the store saw "changed" data on two requests of
// three and wrote the session each time (a write per page view, which
// serialises on SQLite's one writer; BENCHMARKS.md, "Web at 50 and 200
// users"). With stable bytes the store writes only when the data changed
// or the expiry needs moving on (data.SessionStore.CommitCtx).
type sessionCodec struct{}

// sortedSession is the encoded form: the keys ascending, each value at its
// key's index.
type sortedSession struct {
	// Ends is the instant the session's lifetime ends (scs's deadline).
	Ends   time.Time
	Keys   []string
	Values []any
}

// Encode implements scs.Codec.
func (sessionCodec) Encode(ends time.Time, values map[string]any) ([]byte, error) {
	s := sortedSession{Ends: ends}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		s.Keys = append(s.Keys, k)
		s.Values = append(s.Values, values[k])
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Decode implements scs.Codec; a session stored before this codec (scs's
// GobCodec) is still read.
func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	var s sortedSession
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&s); err != nil || len(s.Keys) != len(s.Values) {
		return scs.GobCodec{}.Decode(b)
	}
	values := make(map[string]any, len(s.Keys))
	for i, k := range s.Keys {
		values[k] = s.Values[i]
	}
	return s.Ends, values, nil
}
