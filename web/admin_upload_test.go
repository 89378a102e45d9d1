package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/workflow"
)

// TestUploadedText: a chosen file wins over pasted text, an empty file
// falls back to the text, and a file over the limit is refused as invalid
// input rather than cut off.
func TestUploadedText(t *testing.T) {
	for _, tc := range []struct {
		name, file, text, want string
		invalid                bool
	}{
		{"file", `{"a":1}`, "pasted", `{"a":1}`, false},
		{"empty file uses the text", "", " pasted ", "pasted", false},
		{"file at the limit", strings.Repeat("x", uploadLimit), "", strings.Repeat("x", uploadLimit), false},
		{"file over the limit", strings.Repeat("x", uploadLimit+1), "", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, err := mw.CreateFormFile("file", "settings.json")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fw.Write([]byte(tc.file)); err != nil {
				t.Fatal(err)
			}
			if err := mw.WriteField("text", tc.text); err != nil {
				t.Fatal(err)
			}
			if err := mw.Close(); err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("POST", "/admin/params", &body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			got, err := uploadedText(r)
			if tc.invalid {
				if workflow.KindOf(err) != workflow.KindInvalid {
					t.Fatalf("err = %v, want an invalid-input error", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("uploadedText = %.20q, %v; want %.20q", got, err, tc.want)
			}
		})
	}
}
