package verdictjournal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "verdict-journal.jsonl")
	lines := []string{
		// A line as the reference writes it (observe §1.1).
		`{"detail": {"evidence.ratio": 0.009, "evidence.tokens": 1000, "evidence.work": 9}, "lane": "", "run_id": "RID-1", "schema_family": "verdict-journal", "schema_version": 1, "seq": 1, "source": "kernel", "subject": "", "syscall": "efficiency", "ts": "2026-11-25T19:28:39Z", "verdict": "EFFICIENT"}`,
		`not json`,
		``,
		`{"syscall":"verify","verdict":"SHIPPED","seq":"two"}`,
		`[1]`,
		`{"syscall":"efficiency","detail":{"evidence.work":1}`,
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("records %+v", recs)
	}
	if recs[0].Syscall != "efficiency" || recs[0].RunID != "RID-1" || recs[0].Detail["evidence.work"] != json.Number("9") {
		t.Fatalf("first %+v", recs[0])
	}
	if recs[1].Syscall != "verify" || recs[1].Verdict != "SHIPPED" {
		t.Fatalf("a field of the wrong type loses only itself: %+v", recs[1])
	}
	if recs, err := Read(filepath.Join(dir, "missing")); err != nil || recs != nil {
		t.Fatalf("missing journal: %v %v", recs, err)
	}
}

func TestReadSkipsHugeLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "j")
	huge := `{"syscall":"x","subject":"` + strings.Repeat("a", maxLine+10) + `"}`
	body := huge + "\n" + `{"syscall":"efficiency"}` + "\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := Read(p)
	if err != nil || len(recs) != 1 || recs[0].Syscall != "efficiency" {
		t.Fatalf("%v %+v", err, recs)
	}
}
