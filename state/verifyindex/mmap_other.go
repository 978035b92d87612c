//go:build !unix

package verifyindex

import "os"

// mapFile reads path whole where memory mapping is not available.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }
