// Command floor is the bench's process floor: a bare Go program that reads
// its stdin and exits, as a hook must at the least.
package main

import (
	"io"
	"os"
)

func main() {
	_, _ = io.Copy(io.Discard, os.Stdin)
}
