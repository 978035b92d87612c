package kernel

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbidden are imports a decider may not have: I/O, processes, randomness,
// git, and dos's own effectful layers.
var forbidden = []string{
	"os", "os/exec", "os/signal", "io/ioutil", "io/fs", "net", "net/http", "syscall",
	"math/rand", "math/rand/v2", "crypto/rand", "unsafe",
	"github.com/go-git/", "github.com/dispatchos/dos/state", "github.com/dispatchos/dos/workspace",
	"github.com/dispatchos/dos/witness", "github.com/dispatchos/dos/call", "github.com/dispatchos/dos/verbs", "github.com/dispatchos/dos/surface",
}

// clockCalls read or wait on the real clock.
var clockCalls = map[string]bool{"Now": true, "Since": true, "Until": true, "Sleep": true, "After": true, "Tick": true, "NewTimer": true, "NewTicker": true, "AfterFunc": true}

// The architecture rule: kernel/ is pure. Evidence in, verdict out.
func TestKernelIsPure(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		timeName := ""
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			for _, bad := range forbidden {
				if p == bad || (strings.HasSuffix(bad, "/") && strings.HasPrefix(p, bad)) || strings.HasPrefix(p, bad+"/") {
					t.Errorf("%s imports %s: kernel packages must stay pure", path, p)
				}
			}
			if p == "time" {
				timeName = "time"
				if im.Name != nil {
					timeName = im.Name.Name
				}
			}
		}
		if timeName == "" {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == timeName && clockCalls[sel.Sel.Name] {
					t.Errorf("%s calls time.%s: time must come in as a value", path, sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("only %d kernel files checked: is the walk broken?", checked)
	}
}
