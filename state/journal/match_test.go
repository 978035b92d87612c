package journal

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
)

func TestMatchingFindsEveryLineOfAnIdentity(t *testing.T) {
	p := filepath.Join(t.TempDir(), "lane-journal.jsonl")
	os.WriteFile(p, []byte(`{"op":"ACQUIRE","lane":"api","loop_ts":"L1","seq":1,"ts":"2026-01-01T00:00:00Z"}
{"op":"ACQUIRE","lease":{"lane":"api","loop_ts":"L2"},"seq":2}
not json "api" "L1"
{"op": "HEARTBEAT", "lane": "api", "loop_ts": "L1", "seq": 3}

{"op":"HEARTBEAT","lane":"web","loop_ts":"L1","seq":4}
{"op":"RELEASE","lane":"api","loop_ts":"L1","seq":5}`), 0o644)
	j := New(p)
	var seqs []int64
	if err := j.Matching([][]byte{Needle("api"), Needle("L1")}, func(r lease.Record) { seqs = append(seqs, r.Seq) }); err != nil {
		t.Fatal(err)
	}
	if len(seqs) != 3 || seqs[0] != 1 || seqs[1] != 3 || seqs[2] != 5 {
		t.Fatalf("seqs = %v", seqs)
	}
	// No usable needle: every decodable line.
	seqs = nil
	j.Matching([][]byte{Needle("ä")}, func(r lease.Record) { seqs = append(seqs, r.Seq) })
	if len(seqs) != 5 {
		t.Fatalf("unfiltered = %v", seqs)
	}
	if err := New(filepath.Join(t.TempDir(), "none")).Matching(nil, func(lease.Record) { t.Fatal("record from nothing") }); err != nil {
		t.Fatal(err)
	}
}

// The filter is only an accelerator: on any journal it hands over exactly
// the records a full decode would, for an identity, in order, whether the
// file is searched in one stretch or in several at once.
func TestMatchingAgreesWithFullDecode(t *testing.T) {
	for _, n := range []int{500, 30000} {
		matchingAgrees(t, n)
	}
}

func matchingAgrees(t *testing.T, n int) {
	p := filepath.Join(t.TempDir(), "j.jsonl")
	var b []byte
	for i := range n {
		lane := []string{"a", "b", "ab"}[i%3]
		loop := []string{"L1", "L2"}[i%2]
		b = append(b, []byte(`{"op":"HEARTBEAT","lane":"`+lane+`","loop_ts":"`+loop+`","seq":`+strconv.Itoa(i)+"}\n")...)
	}
	os.WriteFile(p, b, 0o644)
	j := New(p)
	lines, _, _ := j.Lines()
	var want, got []int64
	for _, l := range lines {
		if l.Record.Lane == "a" && l.Record.LoopTS == "L1" {
			want = append(want, l.Record.Seq)
		}
	}
	j.Matching([][]byte{Needle("a"), Needle("L1")}, func(r lease.Record) {
		if r.Lane == "a" && r.LoopTS == "L1" {
			got = append(got, r.Seq)
		}
	})
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Fatalf("%d lines: got %d records, want %d", n, len(got), len(want))
	}
	if len(b) < parallelBytes && n > 1000 {
		t.Fatalf("%d lines are %d bytes: not enough to search in stretches", n, len(b))
	}
}

// indexAt agrees with bytes.Index for every anchor.
func FuzzIndexAt(f *testing.F) {
	f.Add([]byte(`{"a":"2026-05-28T20:26:40Z"}`+"\n"+`x"2026"`), []byte(`"2026-05-28T20:26:40Z"`))
	f.Add([]byte("aaaa"), []byte("aa"))
	f.Fuzz(func(t *testing.T, data, needle []byte) {
		if len(needle) == 0 {
			return
		}
		want := bytes.Index(data, needle)
		for k := range needle {
			if got := indexAt(data, needle, k); got != want {
				t.Fatalf("indexAt(%q, %q, %d) = %d, want %d", data, needle, k, got, want)
			}
		}
		if f := sampleFreq(data); anchor(&f, needle) >= len(needle) {
			t.Fatal("anchor out of range")
		}
	})
}
