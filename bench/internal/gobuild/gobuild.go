// Package gobuild builds the binaries a bench times from a Go checkout.
package gobuild

import (
	"fmt"
	"os"
	"os/exec"
)

// Bin runs `go build -o out pkg` in src (the current directory when src is
// empty), so a bench run from the checkout root times what that checkout
// builds.
func Bin(src, out, pkg string) error { return build(src, out, pkg, nil) }

// Static is [Bin] with CGO_ENABLED=0: a statically linked binary, as the
// README installs dos. (dos links package net through
// cobra's flags and zerolog, which with cgo on makes the binary load libc
// through the dynamic linker at every start.)
func Static(src, out, pkg string) error { return build(src, out, pkg, []string{"CGO_ENABLED=0"}) }

func build(src, out, pkg string, env []string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}
