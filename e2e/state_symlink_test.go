package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestStateFilesAreNeverFollowed plants a symlink at every state file dos
// keeps under .dos/ and runs each verb that opens it: the verb refuses
// with one clear line and exit 2, and the link's target (a file outside
// the workspace, or nothing at all) is left exactly as it was.
func TestStateFilesAreNeverFollowed(t *testing.T) {
	bin := buildDos(t)
	const idStem = "tickets.31vcckqzpc9tu" // idalloc.Stem("tickets")
	cases := []struct {
		file    string   // the state file, relative to the workspace
		prepare []string // a verb run first, so the files it needs exist
		verb    []string
	}{
		{".dos/lane-journal.jsonl", nil, []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}},
		{".dos/lane-journal.jsonl", nil, []string{"journal", "replay"}},
		{".dos/lane-journal.jsonl", nil, []string{"journal", "compact"}},
		{".dos/lane-journal.lock", nil, []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}},
		{".dos/.lane-lease.lock", nil, []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}},
		{".dos/lane-journal.jsonl.compact.tmp", []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}, []string{"journal", "compact"}},
		{".dos/lane-journal.jsonl.fold", []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}, []string{"lease-lane", "acquire", "--owner", "B", "--lane", "b"}},
		{".dos/lane-journal.jsonl.fold", []string{"lease-lane", "acquire", "--owner", "A", "--lane", "a"}, []string{"journal", "replay"}},
		{".dos/leases/.archive.lock", nil, []string{"lease", "acquire", "archiver"}},
		{".dos/leases/.archive.lock", nil, []string{"lease", "status"}},
		{".dos/leases/.archive.lock", nil, []string{"lease", "release", "archiver"}},
		{".dos/leases/.archive.lock.guard", nil, []string{"lease", "acquire", "archiver"}},
		{".dos/leases/id-alloc/" + idStem + ".id", nil, []string{"id-alloc", "allocate", "tickets"}},
		{".dos/leases/id-alloc/" + idStem + ".id", nil, []string{"id-alloc", "peek", "tickets"}},
		{".dos/leases/id-alloc/" + idStem + ".lock", nil, []string{"id-alloc", "allocate", "tickets"}},
	}
	for _, c := range cases {
		for _, dangling := range []bool{false, true} {
			name := c.file + " " + c.verb[0] + " " + c.verb[1]
			if dangling {
				name += " (dangling)"
			}
			t.Run(name, func(t *testing.T) {
				ws := laneWorkspace(t)
				if c.prepare != nil {
					if code, out := runDos(t, bin, ws, c.prepare...); code != 0 {
						t.Fatalf("prepare: exit %d: %s", code, out)
					}
				}
				target := filepath.Join(t.TempDir(), "outside")
				const content = "outside the workspace\n"
				if !dangling {
					if err := os.WriteFile(target, []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				link := filepath.Join(ws, c.file)
				os.MkdirAll(filepath.Dir(link), 0o755)
				os.Remove(link)
				if err := os.Symlink(target, link); err != nil {
					t.Fatal(err)
				}
				code, stderr := runDos(t, bin, ws, c.verb...)
				want := "dos: error: " + c.file + " is a symlink; refusing to follow it\n"
				if code != 2 || stderr != want {
					t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
				}
				b, err := os.ReadFile(target)
				switch {
				case dangling && !errors.Is(err, os.ErrNotExist):
					t.Errorf("the dangling link's target was created: %q %v", b, err)
				case !dangling && string(b) != content:
					t.Errorf("the link's target changed: %q %v", b, err)
				}
				if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link itself was replaced: %v", err)
				}
			})
		}
	}
}

// runDos runs the binary in ws and returns its exit code and stderr.
func runDos(t *testing.T, bin, ws string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = ws, gitEnvList(ws)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), errb.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, errb.String()
}
