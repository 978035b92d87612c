package runs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/resume"
)

// TranscriptName is a run's transcript inside its run directory.
const TranscriptName = "transcript.jsonl"

// RewindArgs are the inputs of rewind.
type RewindArgs struct {
	RunID string `name:"run-id" help:"the run (default: $CID_RUN_ID)"`
	Fire  string `name:"fire" enum:"DIVERGED,THRASHING,STARVED" help:"the stop signal that fired (none: nothing to rewind)"`
}

// RewindNote is the no-good note handed to the next attempt: closed
// tokens only, never the agent's prose.
type RewindNote struct {
	EnvExcerpt *string            `json:"env_excerpt"`
	Lines      []string           `json:"lines"`
	Tokens     []resume.NoteToken `json:"tokens"`
}

// RewindResult is rewind's answer, with the reference's keys.
type RewindResult struct {
	DroppedTurns     []int      `json:"dropped_turns"`
	NoGoodNote       RewindNote `json:"no_good_note"`
	Reason           string     `json:"reason"`
	RewindToTurn     int        `json:"rewind_to_turn"`
	RunID            string     `json:"run_id"`
	TranscriptDigest string     `json:"transcript_digest"`
}

// Rewind proposes truncating a run's transcript back to its checkpoint.
var Rewind = call.Def{
	Path:  "rewind",
	Short: "Propose rewinding a run's transcript to its kernel-stamped checkpoint (edits nothing)",
	Long: `USE THIS WHEN: a stop signal fired on a run (DIVERGED, THRASHING, STARVED) and
you want to restart it from its last good point instead of from scratch.

rewind reads the checkpoint of the run's last SUSPEND (recorded by 'dos halt
--resumable --checkpoint-turn N') and the run's transcript,
<runs>/<run_id>/transcript.jsonl, one turn per non-blank line:

  NO_REWIND  (0)  no --fire: nothing to rewind
  UNANCHORED (3)  no checkpoint, no turn at its index, or the turn no longer
                  matches the checkpoint's digest (the transcript changed)
  REWIND     (0)  return to the checkpoint turn; later turns are dropped

The digest is the SHA-256 of the checkpoint turn's line alone. rewind never
edits the transcript, signals nothing and writes nothing; the note for the
next attempt holds closed tokens only.

Where dos differs from the reference: 'dos halt --resumable --checkpoint-turn'
writes the checkpoint (the reference had no verb for it, so REWIND was
unreachable from its CLI), and --output json is accepted as --json is.`,
	Example:  "  dos rewind --run-id \"$RID\" --fire DIVERGED\n  dos rewind --run-id \"$RID\" --fire THRASHING --json",
	Toolset:  call.Spine,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&RewindTo, &NoRewind, &Unanchored, &RewindUnknown},
	Handler: &call.Typed[RewindArgs, RewindResult]{Fn: func(ctx context.Context, env *call.Env, a *RewindArgs) (*call.Reply[RewindResult], error) {
		id, err := runID(env, a.RunID)
		if err != nil {
			return nil, err
		}
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		l, err := ledgerOf(ws, id)
		if err != nil {
			return nil, err
		}
		rd, err := l.Read()
		if err != nil {
			return nil, err
		}
		turns, err := readTurns(filepath.Join(l.Dir, TranscriptName))
		if err != nil {
			return nil, err
		}
		p := resume.DecideRewind(a.Fire, rd.State.Checkpoint, turns)
		body := RewindResult{DroppedTurns: p.Dropped, Reason: p.Reason, RewindToTurn: p.Turn, RunID: id,
			TranscriptDigest: p.Digest, NoGoodNote: RewindNote{Lines: []string{}, Tokens: p.Note}}
		for _, t := range p.Note {
			body.NoGoodNote.Lines = append(body.NoGoodNote.Lines, t.Rendered)
		}
		v := RewindUnknown
		switch p.Verdict {
		case resume.RewindTo:
			v = RewindTo
		case resume.NoRewind:
			v = NoRewind
		case resume.Unanchored:
			v = Unanchored
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s", v.Word(), p.Reason)
		if p.Verdict == resume.RewindTo {
			fmt.Fprintf(&b, "\n  rewind to turn : %d (digest %s)", p.Turn, p.Digest[:min(12, len(p.Digest))])
			if len(p.Dropped) == 0 {
				b.WriteString("\n  drop turns     : (none)")
			} else {
				fmt.Fprintf(&b, "\n  drop turns     : %v", p.Dropped)
			}
		}
		if len(body.NoGoodNote.Lines) > 0 {
			b.WriteString("\n  no-good note (byte-clean — verdict + env bytes only):")
			for _, l := range body.NoGoodNote.Lines {
				b.WriteString("\n    " + l)
			}
		}
		return &call.Reply[RewindResult]{Verdict: v, Body: body, Text: b.String(),
			Interpretation: v.Word() + " — " + p.Reason + "."}, nil
	}},
}

// readTurns reads a transcript's turns; a missing file has none.
func readTurns(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read transcript %s: %w", path, err)
	}
	return resume.Turns(string(b)), nil
}
