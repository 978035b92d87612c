package hook

import (
	"errors"
	"strings"
	"testing"
)

func TestClaims(t *testing.T) {
	tests := []struct {
		text   string
		strict bool
		want   []string // "plan phase rung"
	}{
		{"DOS-CLAIM: AUTH AUTH1", false, []string{"AUTH AUTH1 marker"}},
		{"Finished.\n- DOS-CLAIM: AUTH AUTH2\r\n> DOS-CLAIM: docs/77 P3  ", false, []string{"AUTH AUTH2 marker", "docs/77 P3 marker"}},
		{"see DOS-CLAIM: AUTH AUTH1 in prose", false, nil},
		{"DOS-CLAIM: AUTH", false, nil},
		{"AUTH1 is done.", false, nil},
		{"AUTH1 is done.", true, []string{"AUTH AUTH1 heuristic"}},
		{"Shipped AUTH1 and DB_X2; merged.", true, []string{"AUTH AUTH1 heuristic", "DB_X DB_X2 heuristic"}},
		{"I was wrong, AUTH1 is not done.", true, nil},
		{"AUTH1 isn't finished yet", true, nil},
		{"AUTH1 is not yet done", true, nil},
		{"working on AUTH1", true, nil},
		{"done", true, nil},
		{"DOS-CLAIM: AUTH AUTH1\nAUTH1 is done", true, []string{"AUTH AUTH1 marker"}},
		{"AUTH1 is done.\nI was wrong, AUTH1 is not done.", true, []string{"AUTH AUTH1 heuristic"}},
	}
	for _, tc := range tests {
		var got []string
		for _, c := range Claims(tc.text, tc.strict) {
			got = append(got, c.Plan+" "+c.Phase+" "+c.Rung)
			if c.Confident != (c.Rung == RungMarkerClaim) {
				t.Errorf("%q: confident %v for %s", tc.text, c.Confident, c.Rung)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Claims(%q, %v) = %q, want %q", tc.text, tc.strict, got, tc.want)
		}
	}
}

func TestTranscriptText(t *testing.T) {
	tr := strings.Join([]string{
		`{"type":"user","message":{"role":"user","content":"DOS-CLAIM: X X1"}}`,
		`{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"first"}]}}`,
		`{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","name":"Bash"}]}}`,
		`not json`,
		`{"type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"codex says"}]}}`,
		`{"type":"gemini","content":"gemini says"}`,
		`{"type":"assistant","message":{"role":"assistant","content":"DOS-CLAIM: AUTH AUTH1"}}`,
	}, "\n")
	if got := TranscriptText([]byte(tr), 1); got != "DOS-CLAIM: AUTH AUTH1" {
		t.Errorf("last turn: %q", got)
	}
	if got := TranscriptText([]byte(tr), 3); got != "codex says\ngemini says\nDOS-CLAIM: AUTH AUTH1" {
		t.Errorf("last 3: %q", got)
	}
	if got := TranscriptText(nil, 0); got != "" {
		t.Errorf("empty: %q", got)
	}
}

// Hooks decision 5 and the measured host contract: an unverified claim
// blocks the stop once; stop_hook_active always lets it through.
func TestStop(t *testing.T) {
	text := "all good\nDOS-CLAIM: AUTH AUTH1"
	ev := Event{Moment: MomentStop, LastMessage: text, HasLastMessage: true}
	claims := StopClaims(ev, text, false)
	if len(claims) != 1 {
		t.Fatalf("claims %+v", claims)
	}
	d := Stop([]ClaimCheck{{Claim: claims[0], Line: "NOT_SHIPPED AUTH AUTH1 (via none)"}}, false)
	if d.Action != Deny || !strings.Contains(d.Reason, "AUTH AUTH1") || !strings.Contains(d.Reason, "NOT_SHIPPED") {
		t.Errorf("unverified marker: %+v", d)
	}
	if d := Stop([]ClaimCheck{{Claim: claims[0], Shipped: true}}, false); d.Action != Allow {
		t.Errorf("shipped: %+v", d)
	}
	if d := Stop([]ClaimCheck{{Claim: claims[0], Err: errors.New("not git")}}, false); d.Action != Allow {
		t.Errorf("unverifiable: %+v", d)
	}
	ev.StopHookActive = true
	if c := StopClaims(ev, text, true); c != nil {
		t.Errorf("stop_hook_active still verifies: %+v", c)
	}
	heur := Claims("AUTH1 is done.", true)
	if d := Stop([]ClaimCheck{{Claim: heur[0]}}, false); d.Action != Allow {
		t.Errorf("a heuristic claim blocked outside strict mode: %+v", d)
	}
	if d := Stop([]ClaimCheck{{Claim: heur[0]}}, true); d.Action != Deny {
		t.Errorf("strict heuristic: %+v", d)
	}
	if d := Stop(nil, true); d.Action != Allow {
		t.Errorf("no claims: %+v", d)
	}
}

func TestMarker(t *testing.T) {
	for prior := 0; prior < 6; prior++ {
		out := Marker(prior, 4, t0, "")
		if out.Hold != (prior < 4) {
			t.Errorf("prior %d: hold %v", prior, out.Hold)
		}
		wantCarry := prior
		if out.Hold {
			wantCarry++
		}
		if out.Carry != wantCarry || (out.Append != nil) != out.Hold || (out.Decision.Action == Deny) != out.Hold {
			t.Errorf("prior %d: %+v", prior, out)
		}
	}
	if out := Marker(0, 0, t0, ""); !out.Hold || !strings.Contains(out.Reason, "1/4") {
		t.Errorf("max 0 is the default budget: %+v", out)
	}
	recs := []MarkerRecord{{Op: OpMarker}, {Op: OpMarker}, {Op: OpReset}, {Op: OpMarker},
		{Op: OpMarker, Schema: Schema{Family: "other", Version: 1}}, {Op: OpMarker, Schema: Schema{Family: MarkerFamily, Version: 9}}}
	if n := MarkerCount(recs); n != 1 {
		t.Errorf("count %d", n)
	}
	if MarkerArmed(Event{StopHookActive: true}, true, true) || !MarkerArmed(Event{StopHookActive: true}, true, false) ||
		MarkerArmed(Event{}, false, true) {
		t.Error("MarkerArmed")
	}
}
