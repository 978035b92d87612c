package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/tree"
)

// Issue 7 items 3 and 17: a tree is compared by the place it names. A
// link inside the repository is followed; one that leads out is refused.
func TestResolveTree(t *testing.T) {
	root := t.TempDir()
	elsewhere := t.TempDir()
	for _, d := range []string{"b/deep", "src/x", "docs"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"linkb":        "b",
		"src/up":       "../docs",
		"chain":        "linkb",
		"self":         ".",
		"out":          elsewhere,
		"outrel":       "../" + filepath.Base(elsewhere),
		"dangling":     "nothing/here",
		"danglingout":  "../../nowhere",
		"docs/bdeep":   "../b/deep",
		"src/x/around": "../../src/x",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	good := []struct{ in, want string }{
		{"linkb/**", "b/**"},
		{"./linkb/deep/*.go", "b/deep/*.go"},
		{"linkb/", "b/"},
		{"chain/**", "b/**"},
		{"src/up/*.md", "docs/*.md"},
		{"docs/bdeep/**", "b/deep/**"},
		{"src/x/around/around/**", "src/x/**"},
		{"self/**", "**"},
		{"self", "**"},
		{"dangling/**", "nothing/here/**"},
		{"b/**", "b/**"},
		{"./src//x/**", "./src//x/**"},
		{"new/dir/**", "new/dir/**"},
		{"src/../b/**", "src/../b/**"},
		{"l*/**", "l*/**"},
		{"", ""},
	}
	for _, c := range good {
		got, err := ResolveTree(root, []string{c.in})
		if err != nil || len(got) != 1 || got[0] != c.want {
			t.Errorf("ResolveTree(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"out/**", "outrel/x", "linkb/../../x", "../x/**", "/etc/**", "danglingout/**", "src/up/../../../x"} {
		_, err := ResolveTree(root, []string{"b/**", bad})
		if !errors.Is(err, tree.ErrOutside) || !strings.Contains(err.Error(), bad) {
			t.Errorf("ResolveTree(%q) = %v, want ErrOutside naming it", bad, err)
		}
	}
	// the resolved trees collide where the written ones did not.
	got, _ := ResolveTree(root, []string{"linkb/**"})
	if tree.Disjoint(got, []string{"b/**"}) {
		t.Errorf("linkb/** resolved to %q, still disjoint from b/**", got)
	}
	// an absent root follows nothing and still confines.
	gone := filepath.Join(root, "gone")
	if got, err := ResolveTree(gone, []string{"linkb/**"}); err != nil || !slices.Equal(got, []string{"linkb/**"}) {
		t.Errorf("absent root: %q, %v", got, err)
	}
}

// FuzzResolveTree: on a fixed layout with links inside and out, an entry
// either resolves to a tree that stays inside the repository or is an
// ErrOutside error; it never panics.
func FuzzResolveTree(f *testing.F) {
	root := f.TempDir()
	os.MkdirAll(filepath.Join(root, "b", "c"), 0o755)
	os.Symlink("b", filepath.Join(root, "l"))
	os.Symlink("..", filepath.Join(root, "b", "up"))
	os.Symlink(f.TempDir(), filepath.Join(root, "o"))
	os.Symlink("../../x", filepath.Join(root, "d"))
	for _, s := range []string{"l/**", "b/up/l/c", "o/x", "d/*", "../x", "b/../l/./c/*.go", "l\\c", " l/ ", "b/up/up/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, e string) {
		out, err := ResolveTree(root, []string{e})
		if err != nil {
			if !errors.Is(err, tree.ErrOutside) && !strings.Contains(err.Error(), "tree entry") {
				t.Fatalf("ResolveTree(%q): unexpected error %v", e, err)
			}
			return
		}
		if err := tree.Confine(out); err != nil {
			t.Fatalf("ResolveTree(%q) = %q, which leaves the repository: %v", e, out, err)
		}
	})
}
