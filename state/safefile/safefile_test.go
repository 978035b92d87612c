package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/smallfile"
)

func TestSymlinkIsRefusedAndItsTargetUntouched(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "state.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for name, flag := range map[string]int{
		"read": os.O_RDONLY, "append": os.O_WRONLY | os.O_APPEND | os.O_CREATE, "truncate": os.O_WRONLY | os.O_TRUNC | os.O_CREATE,
	} {
		f, err := OpenFile(link, flag, 0o644)
		if f != nil {
			f.Close()
		}
		var se *SymlinkError
		if !errors.As(err, &se) || !errors.Is(err, ErrSymlink) || se.Path != link {
			t.Errorf("%s: %v", name, err)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Fatalf("target changed: %q", b)
	}
	if _, err := ReadFile(link, 1<<20); !errors.Is(err, ErrSymlink) {
		t.Fatalf("ReadFile: %v", err)
	}
	if err := Refuse(link); !errors.Is(err, ErrSymlink) {
		t.Fatalf("Refuse: %v", err)
	}
}

func TestDanglingSymlinkIsNotCreatedThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "nowhere")
	link := filepath.Join(dir, "lock")
	os.Symlink(target, link)
	if _, err := OpenFile(link, os.O_RDWR|os.O_CREATE, 0o644); !errors.Is(err, ErrSymlink) {
		t.Fatalf("open: %v", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("target was created: %v", err)
	}
}

func TestPlainFilesOpen(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	f, err := OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	f.Close()
	if b, err := ReadFile(p, 1<<20); err != nil || string(b) != "x" {
		t.Fatalf("%q %v", b, err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	if Refuse(p) != nil || Refuse(p+".missing") != nil {
		t.Fatal("Refuse on a plain or missing file")
	}
}

func TestErrorNamesThePathFromTheWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	link := filepath.Join(dir, ".dos", "lane-journal.jsonl")
	os.MkdirAll(filepath.Dir(link), 0o755)
	os.Symlink("/nonexistent", link)
	_, err := Open(link)
	if err == nil || err.Error() != filepath.Join(".dos", "lane-journal.jsonl")+" is a symlink; refusing to follow it" {
		t.Fatalf("message: %v", err)
	}
	if w := Wrap("read lane journal", link, err); w != err {
		t.Fatalf("Wrap changed a symlink error: %v", w)
	}
	if w := Wrap("read", "/p", fs.ErrPermission); !strings.HasPrefix(w.Error(), "read /p: ") {
		t.Fatalf("Wrap: %v", w)
	}
	outside := (&SymlinkError{Path: "/elsewhere/x"}).Error()
	if !strings.HasPrefix(outside, "/elsewhere/x is") {
		t.Fatalf("outside the working directory: %s", outside)
	}
}

// ReadFile reads a file up to its limit and refuses one over it.
func TestReadFileLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("at the limit: %q %v", b, err)
	}
	if b, err := ReadFile(p, 9); !errors.Is(err, smallfile.ErrTooLarge) || b != nil {
		t.Fatalf("over the limit: %q %v", b, err)
	}
}
