package tree

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A kernel package is pure: no files, processes, clock, randomness, git,
// workspace or state. Checked on the import lists of its non-test files.
func TestKernelPurity(t *testing.T) {
	banned := []string{"os", "os/exec", "io/fs", "io/ioutil", "time", "math/rand", "math/rand/v2", "net",
		"github.com/go-git", "github.com/dispatchos/dos/state", "github.com/dispatchos/dos/workspace",
		"github.com/dispatchos/dos/witness", "github.com/dispatchos/dos/syscall"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		seen++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, b := range banned {
				if p == b || strings.HasPrefix(p, b+"/") {
					t.Errorf("%s imports %s", name, p)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no source files found")
	}
}
