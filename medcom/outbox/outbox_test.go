package outbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dosis-dk/dosis/medcom"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExpandOrdersByTimestamp: a folder's messages come in Bundle.timestamp
// order whatever their names, unreadable files last; hidden files, *.tmp
// and subfolders are skipped; named files keep their place.
func TestExpandOrdersByTimestamp(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"a-discharge.json": "hn-slhj-imp.json", "b-leave.xml": "hn-stor.xml",
		"c-admission.xml": "hn-stin.xml", ".hidden.xml": "hn-stin.xml", "half.tmp": "hn-stin.xml"} {
		if err := os.WriteFile(filepath.Join(dir, name), fixture(t, src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "0-garbage.txt"), []byte("not a message"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	named := filepath.Join(t.TempDir(), "first.xml")
	if err := os.WriteFile(named, fixture(t, "hn-an-stin.xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, err := Expand([]string{named, dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, filepath.Base(f.Path))
		if f.Body != nil {
			t.Errorf("%s: body held in memory", f.Path)
		}
	}
	if want := "first.xml c-admission.xml b-leave.xml a-discharge.json 0-garbage.txt"; strings.Join(got, " ") != want {
		t.Fatalf("order %q, want %q", got, want)
	}
	if _, err := Expand([]string{filepath.Join(dir, "missing.xml")}); err == nil {
		t.Errorf("a missing file was accepted")
	}
}

// TestWrite writes whole files named after the message, in its format,
// and leaves no temporary file behind.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	m, err := medcom.Parse(fixture(t, "hn-stin.json"))
	if err != nil {
		t.Fatal(err)
	}
	ack := medcom.AckFor(m, medcom.AckOK, nil, medcom.Options{})
	path, err := Write(dir, "ack", ack)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "ack-"+ack.HeaderID+".json" {
		t.Errorf("name %s", path)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != string(ack.Body) {
		t.Fatalf("content %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if _, err := Write(dir, "ack", medcom.Outgoing{HeaderID: "../x", Body: []byte("x")}); err == nil {
		t.Errorf("a path in the id was accepted")
	}
	if _, err := Write(filepath.Join(dir, "missing"), "ack", ack); err == nil {
		t.Errorf("a missing folder was accepted")
	}
}
