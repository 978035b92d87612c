//go:build !unix

package sidebyside

import "os"

// MaxRSSKiB is a finished process's peak resident set in KiB: unknown
// here, so 0.
func MaxRSSKiB(*os.ProcessState) int64 { return 0 }
