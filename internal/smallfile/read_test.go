package smallfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestReadMatchesOSReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 41, 511, 512, 513, 4096, 100_000} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("0123456789abcdef\n"), size/17+1)[:size]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(p, 1<<20)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("size %d: read %d bytes, want %d", size, len(got), len(want))
		}
	}
}

func TestReadLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("at the limit: %q, %v", b, err)
	}
	_, err := Read(p, 9)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the limit: %v, want ErrTooLarge", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != p {
		t.Fatalf("over the limit: %#v, want a *fs.PathError naming the file", err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("over the limit reads as missing: %v", err)
	}
}

func TestReadMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "absent")
	_, err := Read(p, 100)
	_, want := os.ReadFile(p)
	if !errors.Is(err, fs.ErrNotExist) || !os.IsNotExist(err) {
		t.Fatalf("missing file: %v, want fs.ErrNotExist", err)
	}
	if err.Error() != want.Error() {
		t.Fatalf("missing file: %q, os.ReadFile says %q", err, want)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Op != "open" || pe.Path != p {
		t.Fatalf("missing file: %#v, want a *fs.PathError for open", err)
	}
}

func TestReadUnderAFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "file")
	if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(f, "child")
	_, err := Read(p, 100)
	_, want := os.ReadFile(p)
	if err == nil || err.Error() != want.Error() || errors.Is(err, fs.ErrNotExist) != errors.Is(want, fs.ErrNotExist) {
		t.Fatalf("path under a file: %v, os.ReadFile says %v", err, want)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(dir, 100)
	_, want := os.ReadFile(dir)
	if err == nil || want == nil {
		t.Fatalf("directory: %v (os.ReadFile: %v), want errors", err, want)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("directory reads as missing: %v", err)
	}
	if runtime.GOOS != "windows" && err.Error() != want.Error() {
		t.Fatalf("directory: %q, os.ReadFile says %q", err, want)
	}
}

// Files whose size the system does not know in advance (procfs reports 0)
// are read to their end all the same, and still bounded by the limit.
func TestReadUnsizedFile(t *testing.T) {
	const p = "/proc/self/maps"
	if _, err := os.Stat(p); err != nil {
		t.Skip("no procfs here")
	}
	b, err := Read(p, 1<<20)
	if err != nil || len(b) < 600 || !strings.Contains(string(b), "\n") {
		t.Fatalf("%s: %d bytes, %v", p, len(b), err)
	}
	if _, err := Read(p, 100); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("%s over the limit: %v, want ErrTooLarge", p, err)
	}
}

func TestReadDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no null device")
	}
	if b, err := Read(os.DevNull, 10); err != nil || len(b) != 0 {
		t.Fatalf("%s: %q, %v", os.DevNull, b, err)
	}
}
