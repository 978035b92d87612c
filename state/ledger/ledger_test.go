package ledger

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	kl "github.com/dispatchos/dos/kernel/ledger"
)

const rid = "RID-1KSR49200000C1S"

func TestAtValidatesRunID(t *testing.T) {
	for _, bad := range []string{"", "RID-NOPE", "../../etc", "RID-1KSR49200000C1S/..", "rid-1ksr49200000c1s"} {
		if _, err := At(t.TempDir(), bad); err == nil {
			t.Errorf("At(%q) accepted", bad)
		}
	}
	l, err := At("/r", rid)
	if err != nil || l.Path != "/r/"+rid+"/intent.jsonl" {
		t.Fatalf("%v %+v", err, l)
	}
}

func TestAppendReadRoundTrip(t *testing.T) {
	l, _ := At(t.TempDir(), rid)
	rd, err := l.Read()
	if err != nil || rd.Exists || rd.State.HasIntent() {
		t.Fatalf("missing ledger: %v %+v", err, rd)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := l.Append(now, &kl.Intent{Goal: "g", DeclaredSteps: []string{"s1", "s2"}, StartSHA: "abc"}, &kl.StepClaimed{StepID: "s1", SHA: "def"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(l.Path)
	if !strings.HasPrefix(string(b), `{"declared_steps":["s1","s2"],"goal":"g","op":"INTENT","phase":"","plan":"","run_id":"`+rid+`","schema":{"family":"intent-ledger","version":1},"start_sha":"abc","ts":"2026-01-01T00:00:00Z"}`+"\n") {
		t.Fatalf("encoding:\n%s", b)
	}
	rd, err = l.Read()
	if err != nil || !rd.Exists || rd.State.Claimed["s1"] != "def" || rd.State.RunID != rid {
		t.Fatalf("%v %+v", err, rd.State)
	}
}

func TestTornTailRepairedOnAppend(t *testing.T) {
	l, _ := At(t.TempDir(), rid)
	now := time.Now()
	if err := l.Append(now, &kl.Intent{Goal: "g"}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(l.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"op":"STEP_CLA`)
	f.Close()
	rd, _ := l.Read()
	if rd.Torn == "" || rd.State.CorruptLines != 0 {
		t.Fatalf("torn tail must be dropped silently: %+v", rd)
	}
	if err := l.Append(now, &kl.StepClaimed{StepID: "s1", SHA: "x"}); err != nil {
		t.Fatal(err)
	}
	rd, _ = l.Read()
	if rd.Torn != "" || rd.State.CorruptLines != 1 || rd.State.Claimed["s1"] != "x" {
		t.Fatalf("after repair: torn %q corrupt %d claims %v", rd.Torn, rd.State.CorruptLines, rd.State.Claimed)
	}
}

func TestConcurrentAppendsAllLand(t *testing.T) {
	l, _ := At(t.TempDir(), rid)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Append(time.Now(), &kl.StepClaimed{StepID: "s" + string(rune('a'+i)), SHA: "1"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	rd, _ := l.Read()
	if len(rd.State.Claimed) != 16 || rd.State.CorruptLines != 0 {
		t.Fatalf("claims %d corrupt %d", len(rd.State.Claimed), rd.State.CorruptLines)
	}
}

func TestSymlinkedLedgerRefused(t *testing.T) {
	dir := t.TempDir()
	l, _ := At(dir, rid)
	os.MkdirAll(l.Dir, 0o755)
	target := filepath.Join(dir, "elsewhere")
	os.WriteFile(target, []byte(`{"op":"INTENT","goal":"planted"}`+"\n"), 0o644)
	if err := os.Symlink(target, l.Path); err != nil {
		t.Skip(err)
	}
	if _, err := l.Read(); err == nil {
		t.Fatal("read through a symlink")
	}
	if err := l.Append(time.Now(), &kl.Intent{Goal: "g"}); err == nil {
		t.Fatal("appended through a symlink")
	}
	if b, _ := os.ReadFile(target); strings.Count(string(b), "\n") != 1 {
		t.Fatal("the link's target was written")
	}
}
