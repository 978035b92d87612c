package registry

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dispatchos/dos/kernel/oracle"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dos.state.yaml")
	os.WriteFile(p, []byte(`recently_completed:
  - plan: AUTH
    phase: AUTH1
    status: done
    commit_sha: 0123abc
    doc_path: docs/auth-plan.md
  - plan: AUTH
    phase: 7
    status: failed
    commit_sha: 0123456
abandoned:
  - plan: X
`), 0o644)
	want := []oracle.RegistryRow{
		{Plan: "AUTH", Phase: "AUTH1", Status: "done", CommitSHA: "0123abc", DocPath: "docs/auth-plan.md"},
		// A phase or sha of digits only decodes as a number; it reads back as written.
		{Plan: "AUTH", Phase: "7", Status: "failed", CommitSHA: "0123456"},
	}
	if got := Read(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("Read:\n got %+v\nwant %+v", got, want)
	}
	for name, body := range map[string]string{
		"malformed":   "recently_completed: [",
		"not a map":   "- just\n- a list\n",
		"wrong shape": "recently_completed: 3\n",
	} {
		os.WriteFile(p, []byte(body), 0o644)
		if got := Read(p); len(got) != 0 {
			t.Errorf("%s: rows %v, want none", name, got)
		}
	}
	if got := Read(filepath.Join(dir, "missing.yaml")); got != nil {
		t.Errorf("missing file: %v", got)
	}
}

func TestReadSoaks(t *testing.T) {
	p := filepath.Join(t.TempDir(), "index.yaml")
	os.WriteFile(p, []byte("soaks:\n  - id: AUTH1-canary\n    plan: AUTH\n    status: in_progress\n  - id: 0042\n    plan: X\n"), 0o644)
	want := []oracle.Soak{{ID: "AUTH1-canary", Plan: "AUTH", Status: "in_progress"}, {ID: "0042", Plan: "X"}}
	if got := ReadSoaks(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("ReadSoaks = %+v", got)
	}
	os.WriteFile(p, []byte("soaks: {"), 0o644)
	if got := ReadSoaks(p); len(got) != 0 {
		t.Fatalf("malformed: %+v", got)
	}
}

// Scalars read back as written whatever their YAML type; what is not a
// scalar reads as empty.
func TestReadScalars(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dos.state.yaml")
	os.WriteFile(p, []byte(`recently_completed:
  - plan: "0042"
    phase: 1.50
    status: true
    commit_sha: ~
    doc_path: [a, b]
  - plan: 'Q'
    phase: |
      P1
    status: null
    commit_sha: {x: 1}
`), 0o644)
	want := []oracle.RegistryRow{
		{Plan: "0042", Phase: "1.50", Status: "true"},
		{Plan: "Q", Phase: "P1\n"},
	}
	if got := Read(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("Read:\n got %+v\nwant %+v", got, want)
	}
}

// FuzzRead: no registry file, however malformed, stops the process.
func FuzzRead(f *testing.F) {
	f.Add([]byte("recently_completed:\n  - plan: AUTH\n    phase: 7\n"))
	f.Add([]byte("soaks:\n  - id: 0042\n"))
	f.Add([]byte("recently_completed: [\n"))
	f.Add([]byte("a: &x [*x]\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "r.yaml")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		Read(p)
		ReadSoaks(p)
	})
}
