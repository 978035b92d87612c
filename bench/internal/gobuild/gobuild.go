// Package gobuild builds the binaries a bench times from a Go checkout.
package gobuild

import (
	"fmt"
	"os/exec"
)

// Bin runs `go build -o out pkg` in src (the current directory when src is
// empty), so a bench run from the checkout root times what that checkout
// builds.
func Bin(src, out, pkg string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = src
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}
