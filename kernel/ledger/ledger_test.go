package ledger

import (
	"encoding/json"
	"slices"
	"testing"
)

func parse(t *testing.T, lines ...string) *State {
	t.Helper()
	var ls []Line
	for _, l := range lines {
		r, k := Parse([]byte(l))
		ls = append(ls, Line{r, k})
	}
	return Replay(ls)
}

func TestParseSchemaGate(t *testing.T) {
	cases := []struct {
		line string
		want Kind
	}{
		{`{"op":"INTENT"}`, KindRecord},
		{`{"op":"INTENT","schema":{"family":"intent-ledger","version":1}}`, KindRecord},
		{`{"op":"INTENT","schema":{"family":"intent-ledger","version":0}}`, KindRecord},
		{`{"op":"INTENT","schema":1}`, KindRecord},
		{`{"op":"INTENT","schema":2}`, KindNewer},
		{`{"op":"INTENT","schema":{"family":"intent-ledger","version":2}}`, KindNewer},
		{`{"op":"INTENT","schema":{"family":"lane-journal","version":1}}`, KindCorrupt},
		{`{"op":"INTENT","schema":{"family":"","version":1}}`, KindRecord},
		{`{"op":"INTENT","schema":"v9"}`, KindRecord},
		{`{"op":"INTENT","schema":{"version":"2"}}`, KindRecord},
		{`[1,2]`, KindIgnored},
		{`"x"`, KindIgnored},
		{`null`, KindIgnored},
		{`   `, KindIgnored},
		{`{"op":"INT`, KindCorrupt},
		{`not json`, KindCorrupt},
	}
	for _, c := range cases {
		if _, k := Parse([]byte(c.line)); k != c.want {
			t.Errorf("Parse(%s) kind = %d, want %d", c.line, k, c.want)
		}
	}
}

func TestParseWrongTypesDropField(t *testing.T) {
	r, k := Parse([]byte(`{"op":"STEP_VERIFIED","step_id":7,"sha":"abc","verdicts":["SHIPPED",3],"checkpoint_turn":"4"}`))
	if k != KindRecord || r.StepID != "" || r.SHA != "abc" || !slices.Equal(r.Verdicts, []string{"SHIPPED"}) || r.CheckpointTurn != 4 {
		t.Fatalf("%+v", r)
	}
}

// The reference's own lines (spec runs.md §7.1), with its spacing.
func TestReplayReferenceLedger(t *testing.T) {
	s := parse(t,
		`{"declared_steps": ["s1", "s2", "s3"], "goal": "ship auth", "op": "INTENT", "phase": "AUTH1", "plan": "AUTH", "run_id": "RID-1KSR49200000C1S", "schema": {"family": "intent-ledger", "version": 1}, "start_sha": "aaaa111", "step_regions": {"s1": ["src/auth/**"]}, "ts": "2026-01-01T00:00:00Z"}`,
		`{"op": "STEP_CLAIMED", "run_id": "RID-1KSR49200000C1S", "schema": {"family": "intent-ledger", "version": 1}, "sha": "fbe1", "step_id": "s1", "ts": "2026-01-01T00:01:00Z"}`,
		`{"op": "STEP_VERIFIED", "run_id": "RID-1KSR49200000C1S", "schema": {"family": "intent-ledger", "version": 1}, "sha": "fbe1", "step_id": "s1", "ts": "2026-01-01T00:02:00Z", "verdicts": [], "via": "file-path"}`,
		`garbage in the middle`,
		`{"op": "SUSPEND", "reason": "resumable-halt", "resume_sha": "fbe1", "checkpoint_turn": 3, "transcript_digest": "ABCD", "run_id": "RID-1KSR49200000C1S", "ts": "2026-01-01T00:03:00Z"}`,
		`{"op": "RESUME_PROPOSED", "predecessor_run_id": "RID-1KSR49200000C1S", "resume_sha": "fbe1", "residual": ["s2", "s3"]}`,
		`{"op": "RESUME_PROPOSED", "predecessor": "RID-1KSR49200000C1S"}`,
		`{"op": "FUTURE_OP", "step_id": "s9"}`,
	)
	if s.Goal != "ship auth" || s.Plan != "AUTH" || s.Phase != "AUTH1" || s.StartSHA != "aaaa111" {
		t.Fatalf("intent = %+v", s)
	}
	if !slices.Equal(s.DeclaredSteps, []string{"s1", "s2", "s3"}) || !slices.Equal(s.StepRegions["s1"], []string{"src/auth/**"}) {
		t.Fatalf("steps = %v %v", s.DeclaredSteps, s.StepRegions)
	}
	if s.Claimed["s1"] != "fbe1" || s.Verified["s1"].Via != "file-path" || s.CorruptLines != 1 {
		t.Fatalf("claims %v verified %v corrupt %d", s.Claimed, s.Verified, s.CorruptLines)
	}
	if !s.Suspended || s.SuspendResumeSHA != "fbe1" || s.Checkpoint == nil || s.Checkpoint.Turn != 3 {
		t.Fatalf("suspend = %v %q %+v", s.Suspended, s.SuspendResumeSHA, s.Checkpoint)
	}
	if s.Proposed != 2 || !slices.Equal(s.Predecessors, []string{"RID-1KSR49200000C1S"}) || s.RunID != "RID-1KSR49200000C1S" {
		t.Fatalf("proposed %d %v run %q", s.Proposed, s.Predecessors, s.RunID)
	}
	if !s.HasIntent() {
		t.Fatal("has intent")
	}
}

func TestReplayLaterWinsAndIntentClearsSuspend(t *testing.T) {
	s := parse(t,
		`{"op":"INTENT","goal":"a","declared_steps":["s1"]}`,
		`{"op":"SUSPEND","reason":"x","sha":"b0b0b0b0"}`,
		`{"op":"INTENT","goal":"","plan":"P","declared_steps":["s1","s2","s1",""]}`,
		`{"op":"STEP_CLAIMED","step_id":"s1","sha":"1"}`,
		`{"op":"STEP_CLAIMED","step_id":"s1","sha":"2"}`,
		`{"op":"STEP_CLAIMED","step_id":"","sha":"3"}`,
		`{"op":"INTENT","schema":{"family":"intent-ledger","version":5}}`,
	)
	if s.Goal != "a" || s.Plan != "P" || !slices.Equal(s.DeclaredSteps, []string{"s1", "s2"}) {
		t.Fatalf("%+v", s)
	}
	if s.Suspended || s.Claimed["s1"] != "2" || len(s.Claimed) != 1 || !s.UnreadableNewer {
		t.Fatalf("%+v", s)
	}
	// A SUSPEND with no resume_sha falls back to sha.
	s = parse(t, `{"op":"SUSPEND","sha":"b0b0"}`)
	if !s.Suspended || s.SuspendResumeSHA != "b0b0" || s.Checkpoint != nil || s.HasIntent() {
		t.Fatalf("%+v", s)
	}
	s = parse(t, `{"op":"SUSPEND","transcript_digest":"ab"}`)
	if s.Checkpoint == nil || s.Checkpoint.Turn != -1 {
		t.Fatalf("checkpoint without a turn: %+v", s.Checkpoint)
	}
}

func TestSealedRecordsRoundTrip(t *testing.T) {
	turn := 2
	recs := []Stamp{
		&Intent{Goal: "g", Plan: "P", Phase: "X", StartSHA: "abc", DeclaredSteps: []string{"s1"}, StepRegions: map[string][]string{"s1": {"a/**"}}},
		&StepClaimed{StepID: "s1", SHA: "abc"},
		&StepVerified{StepID: "s1", SHA: "abc", Via: ViaFilePath, Verdicts: []string{}},
		&Suspend{Reason: "r", ResumeSHA: "abc", CheckpointTurn: &turn, TranscriptDigest: "dd"},
		&ResumeProposed{Predecessor: "RID-1KSR49200000C1S", ResumeSHA: "abc"},
	}
	var lines []Line
	for _, rec := range recs {
		Seal(rec, "RID-1KSR49200000C1S", "2026-01-01T00:00:00Z")
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var keys map[string]json.RawMessage
		json.Unmarshal(b, &keys)
		r, k := Parse(b)
		if k != KindRecord || r.RunID != "RID-1KSR49200000C1S" || r.TS == "" || keys["schema"] == nil {
			t.Fatalf("%s: %+v %d", b, r, k)
		}
		lines = append(lines, Line{r, k})
	}
	s := Replay(lines)
	if s.Verified["s1"].SHA != "abc" || s.Checkpoint.Turn != 2 || s.Proposed != 1 || s.StepRegions["s1"][0] != "a/**" {
		t.Fatalf("%+v", s)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"op":"INTENT","goal":"g","declared_steps":["a"],"step_regions":{"a":"x/**"},"schema":{"family":"intent-ledger","version":1}}`,
		`{"op":"SUSPEND","checkpoint_turn":1e300,"schema":2}`,
		`{"op":"STEP_VERIFIED","verdicts":[null,{}],"schema":{"family":7}}`,
		`[]`, `{`, ``, `{"schema":{"version":-1}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, k := Parse(b)
		s := Replay([]Line{{r, k}})
		if k == KindCorrupt && s.CorruptLines != 1 {
			t.Fatal("corrupt line not counted")
		}
		if k == KindRecord && s.Records != 1 {
			t.Fatal("record not counted")
		}
	})
}
