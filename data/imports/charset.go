package imports

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names the character encoding a file was read in.
type Encoding string

// The encodings recognised.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 with BOM"
	Windows1252 Encoding = "Windows-1252"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns b as UTF-8 text: a UTF-8 byte order mark is dropped,
// valid UTF-8 is kept, and anything else is read as Windows-1252 (what
// Excel's "CSV (semikolonsepareret)" writes on Danish Windows).
func decodeText(b []byte) (string, Encoding) {
	if bytes.HasPrefix(b, utf8BOM) {
		return string(b[len(utf8BOM):]), UTF8BOM
	}
	if utf8.Valid(b) {
		return string(b), UTF8
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		// Windows-1252 maps every byte; this cannot happen, but keep the
		// text readable rather than fail.
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), Windows1252
	}
	return string(out), Windows1252
}
