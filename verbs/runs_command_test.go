package verbs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/workspace"
)

// Issue 7.19: a read-only verb that runs [verify] exec_cmd says so through
// the registry. Every read-only syscall is run in a workspace whose
// exec_cmd leaves a mark: a verb that left one must report ExecutesIn, and
// verify and plan, which do run it here, must; none may report it where no
// command is configured.
func TestRunsCommandIsTruthful(t *testing.T) {
	dir := gittest.Init(t)
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	os.WriteFile(filepath.Join(dir, "docs", "auth-plan.md"), []byte("## 1. AUTH AUTH1 — login\n"), 0o644)
	gittest.Commit(t, dir, "AUTH1: ship", "src/a.go")
	mark := filepath.Join(t.TempDir(), "ran")
	os.WriteFile(filepath.Join(dir, "dos.toml"), []byte("[verify]\nexec_cmd = \"touch "+mark+"\"\n"), 0o644)
	resolve := func() *workspace.Workspace {
		ws, err := workspace.Resolve(workspace.Options{Flag: dir, Getenv: func(string) string { return "" }, Cwd: dir})
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	ws := resolve()
	for _, d := range All() {
		if d.Class != call.ReadOnly {
			continue
		}
		os.Remove(mark)
		in := d.NewInput()
		for _, f := range call.Fields(in.Args) {
			if f.Required && f.Kind == reflect.String {
				call.SetField(in.Args, f, "AUTH1")
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, Stderr: &bytes.Buffer{}, Stdin: strings.NewReader("")}
		d.Run(ctx, env, &call.Input{Args: in.Args})
		cancel()
		_, err := os.Stat(mark)
		ran := err == nil
		if ran && !d.ExecutesIn(ws) {
			t.Errorf("%s ran [verify] exec_cmd but ExecutesIn says it does not", d.Path)
		}
		if (d.Path == "verify" || d.Path == "plan") && (!ran || !d.ExecutesIn(ws)) {
			t.Errorf("%s: ran=%v ExecutesIn=%v, want both", d.Path, ran, d.ExecutesIn(ws))
		}
	}
	os.Remove(filepath.Join(dir, "dos.toml"))
	ws = resolve()
	for _, d := range All() {
		if d.ExecutesIn(ws) {
			t.Errorf("%s says it runs a command in a workspace that configures none", d.Path)
		}
	}
}
