package verifyindex

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/kernel/stamp"
)

// A checked index is read without its checksum until the file changes; a
// byte changed afterwards (even with the size kept) is caught again and
// the index rebuilt, never trusted.
func TestCheckedSidecar(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: ship", "a.txt")
	var tip [20]byte
	hex.Decode(tip[:], []byte(gittest.Git(t, dir, "rev-parse", "HEAD")))
	cache := filepath.Join(t.TempDir(), "dos")
	req := Request{RepoDir: dir, CacheDir: cache, Tip: tip, Convention: stamp.Generic()}
	if _, err := Get(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*.idx"))
	if len(files) != 1 {
		t.Fatalf("index files: %v", files)
	}
	idx := files[0]
	// Too fresh to vouch for: no sidecar yet.
	if _, err := Get(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(idx + checkedSuffix); err == nil {
		t.Fatal("a file written just now was vouched for")
	}
	old := time.Now().Add(-time.Minute)
	os.Chtimes(idx, old, old)
	if _, err := Get(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(idx + checkedSuffix); err != nil {
		t.Fatalf("no sidecar after a full check: %v", err)
	}
	// Flip a byte in the body, size unchanged: the file's time moves, the
	// sidecar no longer matches, the checksum catches it.
	b, _ := os.ReadFile(idx)
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(idx, b, 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(idx)
	if isChecked(idx, stampOf(st)) {
		t.Fatal("a changed file still reads as checked")
	}
	if x := readIndex(idx, tip, Fingerprint(stamp.Generic(), "")); x != nil {
		t.Fatal("a corrupted index was read back")
	}
}

// The sidecar is dos's own state file: one that is a symlink vouches for
// nothing, even when the file it points at holds the right identity.
func TestCheckedSidecarIsNeverFollowed(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "x.idx")
	if err := os.WriteFile(idx, []byte("index bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(idx)
	elsewhere := filepath.Join(dir, "elsewhere")
	if err := os.WriteFile(elsewhere, []byte(stampOf(st).identity()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, idx+checkedSuffix); err != nil {
		t.Skipf("symlinks: %v", err)
	}
	if isChecked(idx, stampOf(st)) {
		t.Fatal("a symlinked sidecar vouched for the index")
	}
	os.Remove(idx + checkedSuffix)
	os.Rename(elsewhere, idx+checkedSuffix)
	if !isChecked(idx, stampOf(st)) {
		t.Fatal("the sidecar itself does not vouch for the index")
	}
}
