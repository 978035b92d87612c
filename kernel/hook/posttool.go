package hook

import (
	"fmt"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/tree"
)

// Schema tags a record with its family and version; readers skip records
// of another family or a newer version.
type Schema struct {
	Family  string `json:"family"`
	Version int    `json:"version"`
}

// The tool stream's schema tag and its one operation.
const (
	StreamFamily  = "tool-stream"
	StreamVersion = 1
	OpStep        = "STEP"
)

// StreamState is the classification of a session's recent tool calls.
type StreamState string

// The stream states.
const (
	// Advancing: the last result is new.
	Advancing StreamState = "ADVANCING"
	// Repeating: the same call returned the same bytes repeat_n times.
	Repeating StreamState = "REPEATING"
	// Stalled: ... stall_n times.
	Stalled StreamState = "STALLED"
)

// StreamRecord is one line of .dos/streams/<session>.jsonl: one tool call
// as digests. It is the on-disk format shared with the reference.
type StreamRecord struct {
	ArgsDigest string `json:"args_digest"`
	Op         string `json:"op"`
	// ResultDigest is nil when the call returned no result.
	ResultDigest *string     `json:"result_digest"`
	RunID        string      `json:"run_id,omitempty"`
	Schema       Schema      `json:"schema"`
	StepIndex    int         `json:"step_index"`
	ToolName     string      `json:"tool_name"`
	TS           string      `json:"ts"`
	VerdictState StreamState `json:"verdict_state,omitempty"`
}

// Readable reports whether this reader understands the record: a STEP of
// the tool-stream family at a version it knows (an untagged record is v1).
func (r StreamRecord) Readable() bool {
	if r.Schema.Family == "" && r.Schema.Version == 0 {
		return r.Op == OpStep
	}
	return r.Op == OpStep && r.Schema.Family == StreamFamily && r.Schema.Version <= StreamVersion
}

// StreamPolicy is the [tool_stream] table.
type StreamPolicy struct {
	RepeatN     int
	StallN      int
	IgnoreTools []string
}

// DefaultStreamPolicy: REPEATING at 3 identical results, STALLED at 5.
var DefaultStreamPolicy = StreamPolicy{RepeatN: 3, StallN: 5}

// Valid reports whether the thresholds make sense (1 <= repeat <= stall).
func (p StreamPolicy) Valid() bool { return p.RepeatN >= 1 && p.StallN >= p.RepeatN }

// PostInput is what posttool decides from.
type PostInput struct {
	Event Event
	// Prior are the session's earlier steps, oldest first (only the
	// readable ones; a tail of the file is enough).
	Prior  []StreamRecord
	Policy StreamPolicy
	// RunID is stamped on a record that fires.
	RunID string
	Now   time.Time
}

// PostOutcome is the decision and the record the caller appends.
type PostOutcome struct {
	Decision Decision
	// Append is the step to append to the stream; nil when the event is
	// not a tool call.
	Append *StreamRecord
	State  StreamState
	// Run is how many identical results end the stream.
	Run int
}

// Posttool records one finished tool call and warns when the same call
// keeps returning the same bytes. It never denies: the tool already ran.
func Posttool(in PostInput) PostOutcome {
	ev := in.Event
	if ev.Tool == "" {
		return PostOutcome{Decision: Allowed}
	}
	pol := in.Policy
	if !pol.Valid() {
		pol = DefaultStreamPolicy
	}
	rec := StreamRecord{
		ArgsDigest: ArgsDigest(string(ev.Tool), ev.Input),
		Op:         OpStep,
		Schema:     Schema{Family: StreamFamily, Version: StreamVersion},
		ToolName:   string(ev.Tool),
		TS:         lease.FormatStamp(in.Now),
	}
	if ev.HasResult {
		d := Digest(ev.Result)
		rec.ResultDigest = &d
	}
	if n := len(in.Prior); n > 0 {
		rec.StepIndex = in.Prior[n-1].StepIndex + 1
	}
	run := runLength(in.Prior, rec, pol.IgnoreTools)
	state := Advancing
	switch {
	case run >= pol.StallN:
		state = Stalled
	case run >= pol.RepeatN:
		state = Repeating
	}
	out := PostOutcome{Append: &rec, State: state, Run: run, Decision: Allowed}
	if state == Advancing {
		return out
	}
	rec.VerdictState, rec.RunID = state, in.RunID
	threshold := pol.RepeatN
	if state == Stalled {
		threshold = pol.StallN
	}
	msg := fmt.Sprintf("dos tool_stream %s: `%s` returned byte-identical results %d times in a row (digest %s). "+
		"No new information is coming back: do not issue the same call again expecting another answer. "+
		"If you are waiting on a background task or an async write, wait for its completion signal; "+
		"otherwise use the value you already have and move on. (%d identical (tool, input, result) steps, threshold %d.)",
		state, ev.Tool, run, *rec.ResultDigest, run, threshold)
	out.Decision = Decision{Action: Warn, Rung: RungToolStream, Reason: msg, Context: msg}
	return out
}

// runLength counts the identical steps ending the stream prior+last. A
// step with no result, or of an ignored tool, has no identity and breaks
// the run (a keyless last step is a run of 1).
func runLength(prior []StreamRecord, last StreamRecord, ignore []string) int {
	key := func(r StreamRecord) (string, bool) {
		if r.ResultDigest == nil {
			return "", false
		}
		t := tree.Fold(r.ToolName)
		for _, ig := range ignore {
			if tree.Fold(ig) == t {
				return "", false
			}
		}
		return t + "\x00" + r.ArgsDigest + "\x00" + *r.ResultDigest, true
	}
	k, ok := key(last)
	if !ok {
		return 1
	}
	run := 1
	for i := len(prior) - 1; i >= 0; i-- {
		pk, pok := key(prior[i])
		if !pok || pk != k {
			break
		}
		run++
	}
	return run
}
