package journal

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/workspace"
)

// Both lock files sit together, so every dos process that takes the
// reference's lock file has taken the same flock first.
func TestLockPaths(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "dos.toml"), nil, 0o644)
	ws, err := workspace.Resolve(workspace.Options{Flag: root})
	if err != nil {
		t.Fatal(err)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	dot := filepath.Join(root, ".dos")
	for _, c := range []struct {
		name          string
		vars          map[string]string
		ref, flock, j string
	}{
		{"default", nil, filepath.Join(dot, RefLockName), filepath.Join(dot, LockName), filepath.Join(dot, "lane-journal.jsonl")},
		{"lock moved", map[string]string{EnvLock: "locks/ll.lock"}, filepath.Join(root, "locks", "ll.lock"), filepath.Join(root, "locks", LockName), filepath.Join(dot, "lane-journal.jsonl")},
		{"journal moved", map[string]string{EnvJournal: "j/x.jsonl"}, filepath.Join(root, "j", RefLockName), filepath.Join(root, "j", LockName), filepath.Join(root, "j", "x.jsonl")},
		{"device journal", map[string]string{EnvJournal: os.DevNull}, filepath.Join(dot, RefLockName), filepath.Join(dot, LockName), os.DevNull},
	} {
		j := ForWorkspace(ws, env(c.vars))
		if j.RefLockPath != c.ref || j.LockPath != c.flock || j.Path != c.j {
			t.Errorf("%s: journal %s, ref lock %s, flock %s; want %s, %s, %s", c.name, j.Path, j.RefLockPath, j.LockPath, c.j, c.ref, c.flock)
		}
	}
}
