package git

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func gitLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// StagedPaths and RangePaths agree with git itself on a history that
// adds, modifies, deletes, renames, changes a mode and nests directories.
func TestStagedAndRangeMatchGit(t *testing.T) {
	dir, git := recentRepo(t)
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	staged := func() []string {
		r, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.StagedPaths()
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	check := func(step string) {
		t.Helper()
		want := gitLines(git(nil, "diff", "--cached", "--name-only", "--no-renames"))
		if got := staged(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: StagedPaths = %q, git says %q", step, got, want)
		}
	}
	// unborn HEAD: everything indexed is staged.
	write("src/a.go", "a")
	write("docs/x.md", "x")
	git(nil, "add", ".")
	if got := staged(); !reflect.DeepEqual(got, []string{"docs/x.md", "src/a.go"}) {
		t.Errorf("unborn: %q", got)
	}
	git(nil, "commit", "-q", "-m", "one")
	check("clean")
	write("src/a.go", "a2")
	write("src/deep/new.go", "n")
	git(nil, "add", ".")
	git(nil, "rm", "-q", "docs/x.md")
	check("modify, add, delete")
	git(nil, "commit", "-q", "-m", "two")
	git(nil, "mv", "src/deep/new.go", "src/moved.go")
	git(nil, "update-index", "--chmod=+x", "src/a.go")
	write("unstaged.txt", "not added")
	check("rename, chmod, untracked")
	git(nil, "commit", "-q", "-m", "three")

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rg := range [][2]string{{"HEAD~2", "HEAD"}, {"HEAD~1", "HEAD"}, {"HEAD", "HEAD"}, {"HEAD", "HEAD~2"}} {
		b, err := r.Resolve(rg[0])
		if err != nil {
			t.Fatal(err)
		}
		h, err := r.Resolve(rg[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.RangePaths(b, h)
		if err != nil {
			t.Fatal(err)
		}
		want := gitLines(git(nil, "diff", "--name-only", "--no-renames", rg[0], rg[1]))
		// git prints each path once, sorted: the same contract.
		if !reflect.DeepEqual(got, want) {
			t.Errorf("RangePaths(%s, %s) = %q, git says %q", rg[0], rg[1], got, want)
		}
	}
}
