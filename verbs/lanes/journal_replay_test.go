package lanes

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
)

// A bad journal line reaches the terminal escaped, numbered from 1 like
// the JSON answer, and bounded.
func TestJournalReplayWarningsAreEscapedAndNumberedFrom1(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".dos"), 0o755)
	journal := "{\"op\":\"ACQUIRE\",\"lane\":\"a\",\"loop_ts\":\"T\",\"seq\":1}\n" +
		"\x1b]0;owned\a\x1b[2J\x00\u202e" + strings.Repeat("z", 300) + "\n" +
		"{\"op\":\"RELEASE\",\"lane\":\"a\",\"loop_ts\":\"T\",\"seq\":2}\n"
	os.WriteFile(filepath.Join(dir, ".dos", "lane-journal.jsonl"), []byte(journal), 0o644)
	var stderr bytes.Buffer
	env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &stderr}
	res, err := JournalReplay.Run(context.Background(), env, JournalReplay.NewInput())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(stderr.Bytes(), "\x1b\a\x00") || strings.Contains(stderr.String(), "\u202e") {
		t.Fatalf("a control character reached stderr: %q", stderr.String())
	}
	want := `dos: warning: journal line 2 is not a JSON object; skipped: "\x1b]0;owned\a\x1b[2J\x00\u202ezzz`
	if !strings.HasPrefix(stderr.String(), want) || !strings.Contains(stderr.String(), "... (318 bytes)") {
		t.Fatalf("stderr = %s", stderr.String())
	}
	if sk := res.Body.(JournalReplayResult).Skipped; len(sk) != 1 || sk[0].Line != 2 || !strings.Contains(toJSON(t, sk), `"line":2`) {
		t.Fatalf("skipped = %s", toJSON(t, sk))
	}
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An archive lock's owner comes from a file anyone can write: it is shown
// escaped.
func TestLeaseStatusEscapesTheOwner(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".dos", "leases", ".archive.lock")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("owner: \x1b[2Jevil\a\nacquired_at: 2020-01-01T00:00:00Z\npid: 1\n"), 0o644)
	env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
	res, err := LeaseStatus.Run(context.Background(), env, LeaseStatus.NewInput())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, `stale \x1b[2Jevil\a age=`) {
		t.Fatalf("text = %q", res.Text)
	}
}
