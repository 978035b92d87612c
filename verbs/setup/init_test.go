package setup

import (
	"bytes"
	"context"
	"github.com/dispatchos/dos/call"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dispatchos/dos/workspace"
)

// initTestEnv is an Env rooted at dir that records warnings.
func initTestEnv(dir string) (*call.Env, *bytes.Buffer) {
	var stderr bytes.Buffer
	return &call.Env{Getenv: func(string) string { return "" }, Cwd: dir, Stderr: &stderr}, &stderr
}

func runInitIn(t *testing.T, dir string, a InitArgs) *call.Result {
	t.Helper()
	env, _ := initTestEnv(dir)
	res, err := Init.Run(context.Background(), env, &call.Input{Args: &a})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The file init writes loads back through workspace.Load without a
// warning, odd directory names and symlinked directories included.
func TestInitLoadsBack(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"my app", "v1.2", `a"b`, "global", ".git", "node_modules", "src"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "src"), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res := runInitIn(t, dir, InitArgs{})
	if res.Verdict.Word() != "written" || res.ExitCode != 0 {
		t.Fatalf("verdict %q exit %d", res.Verdict.Word(), res.ExitCode)
	}
	var warns []string
	c := workspace.Load(dir, func(s string) { warns = append(warns, s) })
	if len(warns) != 0 {
		t.Fatalf("written dos.toml warns on load: %q", warns)
	}
	want := []string{`a"b`, "linked", "my app", "src", "v1.2"}
	if !reflect.DeepEqual(c.Lanes.Concurrent, want) || !reflect.DeepEqual(c.Lanes.Exclusive, []string{"global"}) {
		t.Errorf("lanes = %+v, want concurrent %q", c.Lanes, want)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dos")); err == nil {
		t.Error("init created .dos/")
	}
}

func TestInitExistsLeavesTheFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dos.toml")
	if err := os.WriteFile(p, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runInitIn(t, dir, InitArgs{})
	if res.Verdict.Word() != "exists" || res.ExitCode != 1 {
		t.Fatalf("verdict %q exit %d", res.Verdict.Word(), res.ExitCode)
	}
	if b, _ := os.ReadFile(p); string(b) != "# mine\n" {
		t.Errorf("dos.toml changed without --force: %q", b)
	}
	res = runInitIn(t, dir, InitArgs{Force: true})
	if res.Verdict.Word() != "written" {
		t.Fatalf("--force verdict %q", res.Verdict.Word())
	}
	if b, _ := os.ReadFile(p); string(b) == "# mine\n" {
		t.Error("--force did not rewrite dos.toml")
	}
}

// A relative <dir> is taken from --workspace when given.
func TestInitDirRelativeToWorkspaceFlag(t *testing.T) {
	cwd := t.TempDir()
	env, _ := initTestEnv(cwd)
	env.WorkspaceFlag = "ws"
	if _, err := Init.Run(context.Background(), env, &call.Input{Args: &InitArgs{Dir: "inner"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cwd, "ws", "inner", "dos.toml")); err != nil {
		t.Error(err)
	}
}

// Lint and doctor are read-only: a run leaves dos.toml and .dos/ as they
// were.
func TestLintAndDoctorWriteNothing(t *testing.T) {
	dir := t.TempDir()
	runInitIn(t, dir, InitArgs{})
	dd := filepath.Join(dir, ".dos")
	if err := os.MkdirAll(dd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dd, "lane-journal.jsonl"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := initSnapshot(t, dir)
	for _, run := range []func(*call.Env) (*call.Result, error){
		func(e *call.Env) (*call.Result, error) {
			return Lint.Run(context.Background(), e, &call.Input{Args: &LintArgs{}})
		},
		func(e *call.Env) (*call.Result, error) {
			return Doctor.Run(context.Background(), e, &call.Input{Args: &DoctorArgs{Check: true}})
		},
	} {
		env, stderr := initTestEnv(dir)
		res, err := run(env)
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitCode != 0 || stderr.Len() != 0 {
			t.Errorf("%s: exit %d, stderr %q\n%s", res.Syscall, res.ExitCode, stderr, res.Text)
		}
	}
	if after := initSnapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
}

func initSnapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
