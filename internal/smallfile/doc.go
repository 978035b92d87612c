// Package smallfile reads small files (ref files, sidecars, probes of
// configuration that is usually absent) in as few system calls as the
// platform allows.
//
// On unix it opens, reads and closes the file with raw system calls.
// os.ReadFile registers each file with the runtime's poller (the first one
// creates the poller itself), toggles non-blocking mode twice and sets a
// finalizer: work that a short-lived process reading a few tiny files
// pays for on every start and never uses. Elsewhere it is os.ReadFile with
// the same size limit.
//
// Errors are what os.ReadFile gives: a *fs.PathError wrapping the system's
// error, so errors.Is(err, fs.ErrNotExist) and os.IsNotExist work.
package smallfile

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrTooLarge is wrapped by the error for a file larger than the limit
// given to [Read].
var ErrTooLarge = errors.New("file larger than the limit")

// tooLarge is the error for a file at path larger than limit bytes.
func tooLarge(path string, limit int) error {
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)}
}
