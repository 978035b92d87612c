package idalloc

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// Issue 7 item 9: a counter at 2^63-1 wrapped to -2^63 and handed out a
// negative id. It is an error now, and the counter is left as it was.
func TestCounterAtTheLimit(t *testing.T) {
	a := Allocator{Dir: t.TempDir()}
	path := filepath.Join(a.Dir, Stem("s")+".id")
	top := strconv.FormatInt(1<<63-1, 10) + "\n"
	if err := os.WriteFile(path, []byte(top), 0o644); err != nil {
		t.Fatal(err)
	}
	id, err := a.Allocate(context.Background(), "s", 1)
	if !errors.Is(err, ErrExhausted) {
		t.Fatalf("Allocate at the limit = %d, %v; want ErrExhausted", id, err)
	}
	if b, _ := os.ReadFile(path); string(b) != top {
		t.Errorf("counter changed to %q", b)
	}
	// one below the limit still allocates the last id.
	os.WriteFile(path, []byte(strconv.FormatInt(1<<63-2, 10)), 0o644)
	if id, err := a.Allocate(context.Background(), "s", 1); err != nil || id != 1<<63-1 {
		t.Errorf("Allocate below the limit = %d, %v", id, err)
	}
}
