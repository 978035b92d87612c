package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// The streamed search (platforms without mmap, or a failed mapping)
// finds what the mapped one finds.
func TestMatchStreamAgreesWithTheMappedSearch(t *testing.T) {
	p := filepath.Join(t.TempDir(), "lane-journal.jsonl")
	writeHistory(t, p, 3000)
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("garbage \"lane-3\" line\n" + strings.Repeat("y", 100<<10) + "\"lane-3\"\r\n")
	f.Close()
	writeHistory(t, p+".more", 10)
	more, _ := os.ReadFile(p + ".more")
	f, _ = os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(more)
	f.Close()
	j := New(p)
	for _, needles := range [][][]byte{{Needle("lane-3")}, {Needle("lane-3"), Needle("HEARTBEAT")}, nil} {
		var mapped, streamed []string
		if err := j.Matching(needles, func(r lease.Record) { mapped = append(mapped, fmt.Sprint(r.Seq, r.Op, r.Lane)) }); err != nil {
			t.Fatal(err)
		}
		var keys [][]byte
		for _, n := range needles {
			keys = append(keys, n)
		}
		if err := j.matchStream(keys, func(r lease.Record) { streamed = append(streamed, fmt.Sprint(r.Seq, r.Op, r.Lane)) }); err != nil {
			t.Fatal(err)
		}
		if len(mapped) == 0 || !slices.Equal(mapped, streamed) {
			t.Fatalf("needles %q: mapped %d records, streamed %d", needles, len(mapped), len(streamed))
		}
	}
}

func TestMatchingRefusesASymlinkedJournal(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere.jsonl")
	os.WriteFile(target, []byte(`{"op":"ACQUIRE","lane":"a","loop_ts":"T","seq":1}`+"\n"), 0o644)
	p := filepath.Join(dir, "lane-journal.jsonl")
	os.Symlink(target, p)
	err := New(p).Matching(nil, func(lease.Record) { t.Fatal("read through a symlink") })
	if !errors.Is(err, safefile.ErrSymlink) {
		t.Fatalf("Matching: %v", err)
	}
	if err := New(p).matchStream(nil, func(lease.Record) { t.Fatal("streamed through a symlink") }); !errors.Is(err, safefile.ErrSymlink) {
		t.Fatalf("matchStream: %v", err)
	}
}
