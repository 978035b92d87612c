//go:build !unix

package verifyindex

import "os"

// mapFile reads path whole where memory mapping is not available, and
// returns what the file was when read.
func mapFile(path string) ([]byte, fileStamp, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileStamp{}, err
	}
	b, err := os.ReadFile(path)
	return b, stampOf(st), err
}
