package journal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// garbage is n bytes of a line that is not JSON, starting with control
// characters a terminal would obey.
func garbage(n int) []byte {
	b := bytes.Repeat([]byte("x"), n)
	copy(b, "\x1b[2J\a\x00\u202ebad")
	return b
}

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestHugeBadLineIsABoundedRecord(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	appendAll(t, j, acquire("a", "T", "x"))
	junk := garbage(MaxLine + 3<<20)
	f, _ := os.OpenFile(j.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(append(append([]byte{}, junk...), "\r\n"...))
	f.Close()
	appendAll(t, j, acquire("b", "T", "y"))

	rp, err := j.Replay()
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.State.Live()) != 2 || len(rp.Skipped) != 1 || rp.Torn != nil {
		t.Fatalf("live %d, skipped %+v, torn %v", len(rp.State.Live()), rp.Skipped, rp.Torn)
	}
	s := rp.Skipped[0]
	if s.Line != 2 || s.Length != int64(len(junk)) || s.SHA256 != digest(junk) || !s.Cut() {
		t.Fatalf("record = line %d length %d sha %s", s.Line, s.Length, s.SHA256)
	}
	if s.Prefix != `\x1b[2J\a\x00\u202ebad`+strings.Repeat("x", PrefixBytes-12) {
		t.Fatalf("prefix = %s", s.Prefix)
	}
	if off := int64(len(mustRead(t, j.Path))) - s.Offset; s.Offset <= 0 || off < s.Length {
		t.Fatalf("offset %d", s.Offset)
	}

	// Compaction keeps only the bounded record, and a replay after it
	// still names the lost line by its old number, length and digest.
	if _, err := j.Compact(context.Background(), time.Second, ""); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(j.Path); fi.Size() > 4<<10 {
		t.Fatalf("compacted journal is %d bytes", fi.Size())
	}
	after, err := j.Replay()
	if err != nil || len(after.State.Live()) != 2 || len(after.Skipped) != 1 {
		t.Fatalf("after compaction: %v %+v", err, after)
	}
	k := after.Skipped[0]
	if k.WasLine != 2 || k.Line != 2 || k.Length != s.Length || k.SHA256 != s.SHA256 || k.Prefix != s.Prefix {
		t.Fatalf("kept record = %+v, want the original's %+v", k, s)
	}
	// A second compaction keeps the same record, not a record of a record.
	j.Compact(context.Background(), time.Second, "")
	again, _ := j.Replay()
	if again.Skipped[0].WasLine != 2 || again.Skipped[0].SHA256 != s.SHA256 || again.Skipped[0].Length != s.Length {
		t.Fatalf("after a second compaction: %+v", again.Skipped[0])
	}
}

func TestShortBadLineKeepsTheReferenceSentinel(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	os.WriteFile(j.Path, []byte("not json\n{\"op\":\"ACQUIRE\",\"lane\":\"a\",\"loop_ts\":\"T\",\"seq\":1}\n"), 0o644)
	lines, _, err := j.Lines()
	if err != nil || len(lines) != 2 || lines[0].Bad == nil {
		t.Fatalf("lines %+v %v", lines, err)
	}
	got := lines[0].Bad.Sentinel()
	if got["_raw"] != "not json" || got["_line"] != 0 || got["op"] != "_CORRUPT" || len(got) != 3 {
		t.Fatalf("sentinel = %v", got)
	}
	if lines[0].Bad.Line != 1 {
		t.Fatalf("line number %d, want 1", lines[0].Bad.Line)
	}
}

func TestHugeTornTailIsBoundedAndIgnored(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	appendAll(t, j, acquire("a", "T", "x"))
	f, _ := os.OpenFile(j.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(garbage(MaxLine + 1))
	f.Close()
	rp, err := j.Replay()
	if err != nil || rp.Torn == nil || rp.Torn.Length != MaxLine+1 || len(rp.Skipped) != 0 || len(rp.State.Live()) != 1 {
		t.Fatalf("replay: %v %+v", err, rp)
	}
	recs := appendAll(t, j, acquire("b", "T", "y"))
	if recs[0].Seq != 2 {
		t.Fatalf("seq after a huge torn tail: %d", recs[0].Seq)
	}
}

func TestLongValidRecordsDecode(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	big := acquire("a", "T", "x")
	tree := make([]string, 20000) // a record of about 300 KiB: past the read buffer
	for i := range tree {
		tree[i] = "src/some/rather/long/path/" + strings.Repeat("d", i%7) + "/**"
	}
	big["tree"] = tree
	appendAll(t, j, big, acquire("b", "T", "y"))
	rp, err := j.Replay()
	if err != nil || len(rp.State.Live()) != 2 || len(rp.Skipped) != 0 {
		t.Fatalf("replay: %v live %d skipped %+v", err, len(rp.State.Live()), rp.Skipped)
	}
}

func TestWriterRefusesARecordNoReaderWouldAccept(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	r := acquire("a", "T", "x")
	r["reason"] = strings.Repeat("r", MaxLine)
	tx, err := j.Begin(context.Background(), time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	if _, err := tx.Append(r); err == nil || !strings.Contains(err.Error(), "longer than a reader accepts") {
		t.Fatalf("append: %v", err)
	}
	if _, err := os.Stat(j.Path); !os.IsNotExist(err) {
		t.Fatalf("something was written: %v", err)
	}
}

func TestTailKeepsOnlyTheLastLines(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	var recs []map[string]any
	for i := range 50 {
		recs = append(recs, acquire("l", string(rune('A'+i%26))+strings.Repeat("z", i), "h"))
	}
	appendAll(t, j, recs...)
	lines, _, err := j.Tail(3)
	if err != nil || len(lines) != 3 || lines[0].Record.Seq != 48 || lines[2].Record.Seq != 50 {
		t.Fatalf("tail 3: %v %d", err, len(lines))
	}
}

// SentinelOf is the sentinel the reader makes of the same bad line, short
// or cut to keepRaw with its length and digest.
func TestSentinelOfMatchesTheReader(t *testing.T) {
	for _, bad := range [][]byte{[]byte("not json"), garbage(3 * keepRaw)} {
		j := New(filepath.Join(t.TempDir(), "j.jsonl"))
		body := append(bytes.Clone(bad), "\n{\"op\":\"ACQUIRE\",\"lane\":\"a\",\"loop_ts\":\"T\",\"seq\":1}\n"...)
		os.WriteFile(j.Path, body, 0o644)
		lines, _, err := j.Lines()
		if err != nil || len(lines) != 2 || lines[0].Bad == nil {
			t.Fatalf("lines %+v %v", lines, err)
		}
		want, got := lines[0].Bad.Sentinel(), SentinelOf(0, bad)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("SentinelOf = %v, want %v", got, want)
		}
		if len(bad) > keepRaw && (got["_length"] != int64(len(bad)) || got["_sha256"] != digest(bad)) {
			t.Fatalf("a cut sentinel without length and digest: %v", got)
		}
	}
}
