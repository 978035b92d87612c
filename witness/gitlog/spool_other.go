//go:build !unix

package gitlog

import "os"

// spoolFile creates a temporary file, opened once for writing and once for
// reading. Where an open file cannot be unlinked (Windows), it stays until
// done closes the reading end and removes it.
func spoolFile() (w, r *os.File, done func(), err error) {
	w, err = os.CreateTemp("", "dos-git-log-*")
	if err != nil {
		return nil, nil, nil, err
	}
	name := w.Name()
	r, err = os.Open(name)
	if err != nil {
		w.Close()
		os.Remove(name)
		return nil, nil, nil, err
	}
	return w, r, func() { r.Close(); os.Remove(name) }, nil
}
