package gitlog

import (
	"context"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// RevParse reads what the ref files cannot: ancestry steps, hash prefixes,
// annotated tags; HEAD~1^ included.
func TestRevParse(t *testing.T) {
	dir := gittest.Init(t)
	for _, m := range []string{"one", "two", "three"} {
		gittest.Commit(t, dir, m, "f.txt")
	}
	run(t, dir, "tag", "-a", "-m", "annotated", "v1", "HEAD~1")
	ctx := context.Background()
	for _, rev := range []string{"HEAD~1^", "HEAD~2", "HEAD^^", "v1", "v1^{}", "main@{0}"} {
		want := run(t, dir, "rev-parse", rev+"^{commit}")
		h, err := RevParse(ctx, dir, rev)
		if err != nil || hex.EncodeToString(h[:]) != want {
			t.Errorf("RevParse(%q) = %x, %v; want %s", rev, h, err, want)
		}
		if h, err := RevParse(ctx, dir, want[:7]); err != nil || hex.EncodeToString(h[:]) != want {
			t.Errorf("RevParse(%q) = %x, %v", want[:7], h, err)
		}
	}
	for _, rev := range []string{"HEAD~3", "nosuch", "--all", "HEAD^{tree}"} {
		if h, err := RevParse(ctx, dir, rev); !errors.Is(err, ErrUnknownRevision) {
			t.Errorf("RevParse(%q) = %x, %v; want ErrUnknownRevision", rev, h, err)
		}
	}
	if _, err := RevParse(ctx, t.TempDir(), "HEAD"); err == nil || errors.Is(err, ErrUnknownRevision) {
		t.Errorf("outside a repository: %v", err)
	}
}

func TestIsAncestor(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "one", "f.txt")
	gittest.Commit(t, dir, "two", "f.txt")
	ctx := context.Background()
	a, b := run(t, dir, "rev-parse", "HEAD~1"), run(t, dir, "rev-parse", "HEAD")
	if ok, err := IsAncestor(ctx, dir, a, b); !ok || err != nil {
		t.Errorf("parent of HEAD: %v %v", ok, err)
	}
	if ok, err := IsAncestor(ctx, dir, b, a); ok || err != nil {
		t.Errorf("HEAD of its parent: %v %v", ok, err)
	}
	if _, err := IsAncestor(ctx, dir, "nosuch", b); err == nil {
		t.Error("a bad revision must be an error")
	}
}
