// Package outbox is the folder exchange of MedCom messages: messages to
// send are written to an outbox folder (atomically, so a collecting
// integration never reads half a file), and a folder of received messages
// is read in the order of their Bundle.timestamp.
package outbox

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dosis-dk/dosis/medcom"
)

// Write writes o to dir as PREFIX-HEADERID.xml (or .json) and returns the
// path. The file appears whole: it is written under a temporary name and
// renamed.
func Write(dir, prefix string, o medcom.Outgoing) (string, error) {
	if o.HeaderID == "" || strings.ContainsAny(o.HeaderID, `/\`) {
		return "", fmt.Errorf("outbox: bad message id %q", o.HeaderID)
	}
	name := filepath.Join(dir, prefix+"-"+o.HeaderID+o.Format.Ext())
	tmp, err := os.CreateTemp(dir, ".outbox-*.tmp")
	if err != nil {
		return "", fmt.Errorf("outbox: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(o.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("outbox: write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("outbox: write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("outbox: write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return "", fmt.Errorf("outbox: %w", err)
	}
	return name, nil
}

// File is one received message file.
type File struct {
	Path string
	Body []byte
	// Timestamp is the Bundle.timestamp (zero when unreadable).
	Timestamp time.Time
}

// MaxFolderFiles bounds how many files one folder read takes.
const MaxFolderFiles = 10_000

// Read reads one file, at most medcom.MaxMessageBytes+1 bytes of it (a
// larger one is then refused by medcom.Parse as too large).
func Read(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, medcom.MaxMessageBytes+1))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	out := File{Path: path, Body: b}
	if m, err := medcom.Parse(b); err == nil || m != nil {
		if m != nil {
			out.Timestamp = m.Timestamp
		}
	}
	return out, nil
}

// Expand turns the arguments (files and folders) into the files to
// receive, without their bodies (Read each in turn): a folder's regular files (not hidden, not *.tmp, not in
// subfolders) in Bundle.timestamp order, unreadable messages last by name;
// files named directly keep their place.
func Expand(args []string) ([]File, error) {
	var out []File
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, File{Path: arg})
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, err
		}
		var files []File
		for _, e := range entries {
			name := e.Name()
			if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".tmp") {
				continue
			}
			if len(files) == MaxFolderFiles {
				return nil, errors.New(arg + ": more than 10000 files; receive the folder in parts")
			}
			f, err := Read(filepath.Join(arg, name))
			if err != nil {
				return nil, err
			}
			f.Body = nil // read again when received: a folder's files are not held in memory at once
			files = append(files, f)
		}
		slices.SortStableFunc(files, func(a, b File) int {
			switch {
			case a.Timestamp.IsZero() != b.Timestamp.IsZero():
				if a.Timestamp.IsZero() {
					return 1
				}
				return -1
			case !a.Timestamp.Equal(b.Timestamp):
				return a.Timestamp.Compare(b.Timestamp)
			}
			return cmp.Compare(a.Path, b.Path)
		})
		out = append(out, files...)
	}
	return out, nil
}
