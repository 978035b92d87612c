package mcp_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Spec mcp §5: a call's standard input is empty, never the protocol
// stream a child could read frames from (the reference's wedge).
func TestCallStdinIsEmpty(t *testing.T) {
	s := start(t, "self", t.TempDir(), nil, "--toolsets", "all")
	got := object(t, s.call(t, "dos_test_stdin", nil))
	if !reflect.DeepEqual(got, map[string]any{"bytes": 0.0, "eof": true, "syscall": "test stdin", "exit_code": 0.0}) {
		t.Errorf("a call's stdin: %v", got)
	}
}

// Spec mcp §5: no code in the module hands a child process (or a call) the
// process's own stdin; exec.Cmd's nil Stdin is the null device.
func TestNoChildInheritsStdin(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		checked++
		isOSStdin := func(e ast.Expr) bool {
			sel, ok := e.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Stdin" {
				return false
			}
			id, ok := sel.X.(*ast.Ident)
			return ok && id.Name == "os"
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Stdin" && i < len(x.Rhs) && isOSStdin(x.Rhs[i]) {
						t.Errorf("%s: %s.Stdin = os.Stdin", fset.Position(x.Pos()), sel.X)
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Stdin" && isOSStdin(x.Value) {
					t.Errorf("%s: Stdin: os.Stdin", fset.Position(x.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked", checked)
	}
}
