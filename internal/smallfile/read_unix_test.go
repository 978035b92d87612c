//go:build unix

package smallfile

import (
	"os"
	"path/filepath"
	"testing"
)

// ReadNoFollow reads a plain file as Read does and refuses a symlink to
// one, which Read follows.
func TestReadNoFollowRefusesASymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadNoFollow(target, 100); err != nil || string(b) != "secret" {
		t.Fatalf("plain file: %q %v", b, err)
	}
	if b, err := Read(link, 100); err != nil || string(b) != "secret" {
		t.Fatalf("Read through a link: %q %v", b, err)
	}
	if b, err := ReadNoFollow(link, 100); err == nil || b != nil {
		t.Fatalf("ReadNoFollow followed a link: %q %v", b, err)
	}
}
