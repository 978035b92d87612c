package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// PlanImport on any line either names it as bad or yields records whose
// encoding is already normal (normalising again changes nothing), with a
// digest that depends only on the records, not on their seq.
func FuzzPlanImport(f *testing.F) {
	for _, s := range []string{
		`{"op":"ACQUIRE","lane":"a","loop_ts":"T","seq":3,"lease":{"lane":"a","loop_ts":"T","holder":"x","tree":["a/"]}}`,
		`{"op":"CHECKPOINT","leases":[],"seq_watermark":9,"generations":[{"lane":"a","loop_ts":"T","generation":2}]}`,
		`{"op": "HALT", "reason": "stop \u2014 now\u2028", "seq": 1.5e0, "n": 12345678901234567890}`,
		`{"_line":4,"_raw":"x","op":"_CORRUPT"}`,
		`[1]`, `{} {}`, `null`, `{"seq":`, "\x00",
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, line []byte) {
		p, err := PlanImport([]json.RawMessage{line}, lease.DefaultPolicy, now)
		if err != nil {
			return
		}
		if len(p.Lines) != 1 || len(p.Records) != 1 {
			t.Fatalf("one line planned as %d", len(p.Lines))
		}
		again, err := Normalize(p.Lines[0])
		if err != nil || !bytes.Equal(again, p.Lines[0]) {
			t.Fatalf("normal form %s renormalises to %s (%v)", p.Lines[0], again, err)
		}
		if _, has := p.Records[0]["seq"]; has {
			t.Fatalf("seq kept: %s", p.Lines[0])
		}
		q, err := PlanImport([]json.RawMessage{p.Lines[0]}, lease.DefaultPolicy, now)
		if err != nil || q.Digest != p.Digest {
			t.Fatalf("digest of the normal form differs: %v", err)
		}
	})
}
