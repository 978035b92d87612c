package audit

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Style practice 1: a kernel package reads no files, git, clock or state.
func TestImportsArePure(t *testing.T) {
	banned := []string{"os", "os/exec", "io/fs", "math/rand", "math/rand/v2", "time",
		"github.com/go-git/", "github.com/dispatchos/dos/state", "github.com/dispatchos/dos/workspace",
		"github.com/dispatchos/dos/witness"}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, b := range banned {
				if p == b || (strings.HasSuffix(b, "/") && strings.HasPrefix(p, b)) || strings.HasPrefix(p, b+"/") {
					t.Errorf("%s imports %s", name, p)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files checked")
	}
}
