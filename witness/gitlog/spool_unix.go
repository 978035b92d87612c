//go:build unix

package gitlog

import "os"

// spoolFile creates a temporary file, opened once for writing and once for
// reading, and unlinks it at once: it disappears when both are closed,
// even if this process dies. done closes the reading end.
func spoolFile() (w, r *os.File, done func(), err error) {
	w, err = os.CreateTemp("", "dos-git-log-*")
	if err != nil {
		return nil, nil, nil, err
	}
	r, err = os.Open(w.Name())
	os.Remove(w.Name())
	if err != nil {
		w.Close()
		return nil, nil, nil, err
	}
	return w, r, func() { r.Close() }, nil
}
