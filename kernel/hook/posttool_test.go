package hook

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// Digests match the reference's (spec §3.1: observed values).
func TestDigests(t *testing.T) {
	if got := Digest("SAME"); got != "d1ed0d26ea9bd962" {
		t.Errorf("string digest %s", got)
	}
	v, err := DecodeJSON([]byte(`{"stdout": "ok", "code": 0}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := Digest(v); got != "19e6783b3a6fa67a" {
		t.Errorf("object digest %s", got)
	}
	if got := ArgsDigest("Read", map[string]any{"file_path": "/x/a.txt"}); got != "318a735066b22ab8" {
		t.Errorf("args digest %s", got)
	}
	// Numbers keep their literal: 1.0 and 1 are different bytes (spec §3
	// improve (a)); a big integer keeps every digit.
	a, _ := DecodeJSON([]byte(`{"n": 1.0}`))
	b, _ := DecodeJSON([]byte(`{"n": 1}`))
	if Digest(a) == Digest(b) {
		t.Error("1.0 and 1 hash alike")
	}
	big, _ := DecodeJSON([]byte(`[12345678901234567890]`))
	if got := Canonical(big); got != "[12345678901234567890]" {
		t.Errorf("big int: %s", got)
	}
	s, _ := DecodeJSON([]byte(`{"b": "é\u0001\"", "a": [true, null]}`))
	if got := Canonical(s); got != `{"a": [true, null], "b": "é\u0001\""}` {
		t.Errorf("canonical: %s", got)
	}
	if _, err := DecodeJSON([]byte(`{} x`)); err == nil {
		t.Error("trailing data accepted")
	}
}

func step(tool, result string) Event {
	ev := Event{Moment: MomentPost, Tool: Tool(tool), Input: map[string]any{}}
	if result != "" {
		ev.Result, ev.HasResult = result, true
	}
	return ev
}

// Five identical results: silent twice, REPEATING at 3 and 4, STALLED at 5
// (spec §3.1, observed); a new result, no result, another tool break it.
func TestPosttoolStream(t *testing.T) {
	run := func(pol StreamPolicy, evs ...Event) (states []StreamState, prior []StreamRecord) {
		for _, ev := range evs {
			out := Posttool(PostInput{Event: ev, Prior: prior, Policy: pol, Now: t0, RunID: "r"})
			if out.Append == nil {
				states = append(states, "")
				continue
			}
			if out.Append.StepIndex != len(prior) {
				t.Errorf("step_index %d, want %d", out.Append.StepIndex, len(prior))
			}
			if (out.State == Advancing) != (out.Decision.Action == Allow) {
				t.Errorf("state %s with decision %v", out.State, out.Decision.Action)
			}
			if out.State != Advancing && (out.Append.VerdictState != out.State || out.Append.RunID != "r" ||
				!strings.Contains(out.Decision.Context, string(out.State))) {
				t.Errorf("firing record %+v / %q", out.Append, out.Decision.Context)
			}
			states = append(states, out.State)
			prior = append(prior, *out.Append)
		}
		return states, prior
	}
	same := step("Read", "SAME")
	got, prior := run(DefaultStreamPolicy, same, same, same, same, same)
	want := []StreamState{Advancing, Advancing, Repeating, Repeating, Stalled}
	if !equalStates(got, want) {
		t.Errorf("five reads: %v", got)
	}
	if *prior[0].ResultDigest != "d1ed0d26ea9bd962" || prior[0].Schema.Family != StreamFamily {
		t.Errorf("record %+v", prior[0])
	}
	got, _ = run(DefaultStreamPolicy, step("Read", "A"), step("Read", "A"), step("Read", ""), step("Read", "A"), step("Read", "A"))
	if !equalStates(got, []StreamState{Advancing, Advancing, Advancing, Advancing, Advancing}) {
		t.Errorf("absent result: %v", got)
	}
	got, _ = run(DefaultStreamPolicy, step("Read", "X"), step("Grep", "X"), step("Read", "X"))
	if !equalStates(got, []StreamState{Advancing, Advancing, Advancing}) {
		t.Errorf("tools interleaved: %v", got)
	}
	got, _ = run(StreamPolicy{RepeatN: 2, StallN: 3, IgnoreTools: []string{"read"}}, same, same, same)
	if !equalStates(got, []StreamState{Advancing, Advancing, Advancing}) {
		t.Errorf("ignored tool: %v", got)
	}
	got, _ = run(StreamPolicy{RepeatN: 2, StallN: 1}, same, same, same)
	if !equalStates(got, []StreamState{Advancing, Advancing, Repeating}) {
		t.Errorf("invalid policy falls back to defaults: %v", got)
	}
	got, _ = run(DefaultStreamPolicy, Event{Moment: MomentPost})
	if !equalStates(got, []StreamState{""}) {
		t.Errorf("no tool: %v", got)
	}
	// The record is the on-disk format.
	b, _ := json.Marshal(prior[0])
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"args_digest", "op", "result_digest", "schema", "step_index", "tool_name", "ts"} {
		if _, ok := m[k]; !ok {
			t.Errorf("record lacks %s: %s", k, b)
		}
	}
	if !(StreamRecord{Op: OpStep}).Readable() || (StreamRecord{Op: OpStep, Schema: Schema{Family: StreamFamily, Version: 2}}).Readable() ||
		(StreamRecord{Op: OpStep, Schema: Schema{Family: "other", Version: 1}}).Readable() {
		t.Error("Readable")
	}
}

func equalStates(a, b []StreamState) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
