package verbs

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/gittest"
)

// Practice 9: registry invariants, one loop over every syscall.
func TestRegistryInvariants(t *testing.T) {
	toolRE := regexp.MustCompile(`^dos_[a-z][a-z_]*$`)
	pathRE := regexp.MustCompile(`^[a-z][a-z-]*( [a-z][a-z-]*)*$`)
	tools := map[string]string{}
	paths := map[string]bool{}
	core := 0
	if !slices.IsSortedFunc(All(), func(a, b *call.Def) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("verbs.All is not sorted by path: keep the all table in order")
	}
	for _, d := range All() {
		if !pathRE.MatchString(d.Path) {
			t.Errorf("%q: a verb path is lower-case words", d.Path)
		}
		if paths[d.Path] {
			t.Errorf("%q is defined twice", d.Path)
		}
		paths[d.Path] = true
		if d.Handler == nil {
			t.Errorf("%s: no handler (Handler: &call.Typed[A, R]{Fn: ...})", d.Path)
		}
		if d.Short == "" || d.Long == "" || d.Example == "" {
			t.Errorf("%s: Short, Long and Example must all teach something", d.Path)
		}
		if d.Toolset == "" || d.Surfaces == 0 {
			t.Errorf("%s: no toolset or no surface", d.Path)
		}
		// Spec mcp §3: hosts choose tools from their descriptions, so each
		// opens with the situation it is for.
		if !strings.HasPrefix(d.Long, "USE THIS WHEN: ") {
			t.Errorf("%s: Long must open with \"USE THIS WHEN: \"", d.Path)
		}
		// MCP 3: tools that write are outside the default toolset, and
		// every write tool is in the write set.
		if d.Class != call.ReadOnly && d.Has(call.MCP) && d.Toolset != call.WriteSet {
			t.Errorf("%s writes (%s) but is in toolset %s, not %s", d.Path, d.Class, d.Toolset, call.WriteSet)
		}
		if d.Class == call.ReadOnly && d.Toolset == call.WriteSet {
			t.Errorf("%s is read-only but in the write toolset", d.Path)
		}
		if d.Toolset == call.Core && d.Has(call.MCP) {
			core++
		}
		if d.Has(call.MCP) {
			name := d.ToolName()
			if !toolRE.MatchString(name) {
				t.Errorf("%s: tool name %q", d.Path, name)
			}
			if other, dup := tools[name]; dup {
				t.Errorf("%s and %s share the tool name %s", d.Path, other, name)
			}
			tools[name] = d.Path
		}
		if d.Has(call.MCP) && (d.Path == "init" || d.Path == "quickstart") {
			t.Errorf("%s installs files or drives a terminal; it is not a tool", d.Path)
		}
		words := map[string]bool{}
		for _, v := range d.Verdicts {
			if v.Code() == call.ExitUsage {
				t.Errorf("%s: verdict %s uses exit 2, which is reserved for contract errors", d.Path, v.Word())
			}
			if words[v.Word()] {
				t.Errorf("%s: verdict %s declared twice", d.Path, v.Word())
			}
			words[v.Word()] = true
		}
		fields := call.Fields(d.NewArgs()) // panics on a malformed tag
		seen := map[string]bool{}
		positions := map[int]bool{}
		for _, f := range fields {
			if seen[f.Name] {
				t.Errorf("%s: argument %s declared twice", d.Path, f.Name)
			}
			seen[f.Name] = true
			if f.Help == "" {
				t.Errorf("%s: argument %s has no help", d.Path, f.Name)
			}
			if f.Pos >= 0 {
				positions[f.Pos] = true
			}
		}
		for i := range len(positions) {
			if !positions[i] {
				t.Errorf("%s: positional %d missing (positions must run 0..n-1)", d.Path, i)
			}
		}
	}
	if All().Lookup("verify") == nil || All().Lookup("verify").ToolName() != "dos_verify" {
		t.Error("verify must be served as dos_verify")
	}
	// MCP 4: a host with a tool cap loads the core set alone.
	if core == 0 || core > 15 {
		t.Errorf("the core toolset holds %d tools; want 1..15", core)
	}
	// MCP 3: the reference's tool names are contracts.
	for path, name := range map[string]string{
		"verify": "dos_verify", "commit-audit": "dos_commit_audit", "arbitrate": "dos_arbitrate",
		"reasons": "dos_refuse_reasons", "check-reason": "dos_check_reason", "doctor": "dos_doctor",
		"lease-lane live": "dos_lease_lane_live", "scope-gate": "dos_scope_gate",
	} {
		d := All().Lookup(path)
		if d == nil || !d.Has(call.MCP) || d.ToolName() != name || d.Toolset != call.Core {
			t.Errorf("%s must be served as %s in the core toolset", path, name)
		}
	}
}

// Practice 9: a read-only syscall leaves the workspace byte-identical,
// .dos/ and dos.toml included, whatever it is asked.
func TestReadOnlySyscallsWriteNothing(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: ship", "src/a.go")
	os.WriteFile(filepath.Join(dir, "dos.toml"), []byte("[lanes]\nconcurrent = [\"src\"]\nexclusive = [\"global\"]\n[lanes.trees]\nsrc = [\"src/**\"]\nglobal = [\"**/*\"]\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".dos"), 0o755)
	os.WriteFile(filepath.Join(dir, ".dos", "lane-journal.jsonl"), []byte(`{"op":"ACQUIRE","seq":1,"ts":"2020-01-01T00:00:00Z","lane":"src","loop_ts":"2020-01-01T00:00:00Z","lease":{"lane":"src","lane_kind":"cluster","tree":["src/**"],"loop_ts":"2020-01-01T00:00:00Z","holder":"a"}}`+"\n"), 0o644)
	before := snapshot(t, dir)
	for _, d := range All() {
		if d.Class != call.ReadOnly {
			continue
		}
		in := d.NewInput()
		for _, f := range call.Fields(in.Args) {
			if f.Required && f.Kind == reflect.String {
				call.SetField(in.Args, f, "AUTH1")
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, Stderr: &bytes.Buffer{}, Stdin: strings.NewReader("")}
		d.Run(ctx, env, &call.Input{Args: in.Args}) // the answer does not matter here, only what it wrote
		cancel()
		if after := snapshot(t, dir); after != before {
			t.Errorf("read-only %s changed the workspace:\n%s\n---\n%s", d.Path, before, after)
			before = after
		}
	}
}

// snapshot lists every file outside .git with its contents.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + "\n")
		if !d.IsDir() {
			c, _ := os.ReadFile(p)
			b.Write(c)
		}
		return nil
	})
	return b.String()
}

// The registry is surface-free: no cobra, no pflag, no os.Exit. Surfaces
// adapt it; it never reaches for a command line.
func TestSyscallPackageIsSurfaceFree(t *testing.T) {
	var files []string
	for _, g := range []string{"*.go", "*/*.go", "../call/*.go"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(p, "github.com/spf13/") || strings.Contains(p, "/surface/") {
				t.Errorf("%s imports %s", f, p)
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && sel.Sel.Name == "Exit" {
					t.Errorf("%s calls os.Exit", f)
				}
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
}
