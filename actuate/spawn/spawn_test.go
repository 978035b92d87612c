package spawn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStart(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "logs", "w.log")
	s, err := Start(Worker{Argv: []string{"sh", "-c", "echo run=$CID_RUN_ID in $(pwd)"}, Dir: dir, Env: []string{"CID_RUN_ID=RID-X"}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	if s.PID <= 0 {
		t.Fatalf("pid %d", s.PID)
	}
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(log)
	if !strings.Contains(string(b), "run=RID-X in "+dir) {
		t.Fatalf("log %q", b)
	}
}

func TestStartRefuses(t *testing.T) {
	if _, err := Start(Worker{}); err == nil {
		t.Fatal("an empty argv started")
	}
	if _, err := Start(Worker{Argv: []string{filepath.Join(t.TempDir(), "no-such-program")}}); err == nil {
		t.Fatal("a missing program started")
	}
	if _, err := Start(Worker{Argv: []string{"true"}, Log: "/dev/null/x/log"}); err == nil {
		t.Fatal("an unwritable log accepted")
	}
}
