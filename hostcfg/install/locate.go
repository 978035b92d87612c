package install

import (
	"os"
	"path/filepath"
)

// HookBinaryName is the file name of the hook binary.
const HookBinaryName = "dos-hook"

// LocateBinaries finds the program the hooks should run: dos-hook beside
// the running dos (dosExe), else dos-hook on PATH (lookPath), else dos
// itself. Paths come back absolute.
func LocateBinaries(dosExe string, lookPath func(string) (string, error)) Binaries {
	b := Binaries{Dos: absPath(dosExe)}
	if dosExe != "" {
		beside := filepath.Join(filepath.Dir(b.Dos), HookBinaryName)
		if isExecutable(beside) {
			b.Hook = beside
			return b
		}
	}
	if lookPath != nil {
		if p, err := lookPath(HookBinaryName); err == nil && isExecutable(p) {
			b.Hook = absPath(p)
		}
	}
	return b
}

func absPath(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
