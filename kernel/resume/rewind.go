package resume

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/ledger"
)

// Rewind is rewind's answer.
type Rewind int

// The rewind verdicts.
const (
	RewindTo Rewind = iota + 1
	NoRewind
	Unanchored
)

// String returns the verdict word.
func (r Rewind) String() string {
	switch r {
	case RewindTo:
		return "REWIND"
	case NoRewind:
		return "NO_REWIND"
	case Unanchored:
		return "UNANCHORED"
	}
	return fmt.Sprintf("Rewind(%d)", int(r))
}

// The stop signals rewind may be fired with.
var Signals = []string{"DIVERGED", "THRASHING", "STARVED"}

// NoteToken is one closed token of the no-good note handed to the next
// attempt: a kind, its payload, and the rendered line.
type NoteToken struct {
	Kind     string `json:"kind"`
	Payload  string `json:"payload"`
	Rendered string `json:"rendered"`
}

// RewindPlan is the proposal: which turn to return to and which turns to
// drop. It never edits the transcript.
type RewindPlan struct {
	Verdict Rewind
	Reason  string
	// Turn is the checkpoint turn (-1 unless REWIND); Digest its digest
	// ("" unless REWIND); Dropped the later turns, ascending.
	Turn    int
	Digest  string
	Dropped []int
	Note    []NoteToken
}

// TurnDigest is the digest a checkpoint records for a transcript line: the
// lowercase hex SHA-256 of the line (trimmed) alone.
func TurnDigest(line string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(line)))
	return hex.EncodeToString(sum[:])
}

// Turns splits a transcript into turns: its non-blank lines, trimmed.
func Turns(transcript string) []string {
	var out []string
	for _, l := range strings.Split(transcript, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// DecideRewind proposes a rewind for a run fired with signal ("" for
// none) whose SUSPEND checkpoint is cp (nil for none) over turns:
// no signal is NO_REWIND; no checkpoint, no turn at its index, or a
// digest that does not match the turn (compared without case or
// surrounding space; an empty digest never matches) is UNANCHORED;
// otherwise REWIND to the checkpoint, dropping every later turn.
func DecideRewind(signal string, cp *ledger.Checkpoint, turns []string) RewindPlan {
	p := RewindPlan{Turn: -1, Dropped: []int{}, Note: []NoteToken{}}
	if signal == "" {
		p.Verdict, p.Reason = NoRewind, "no stop signal fired: nothing to rewind"
		return p
	}
	if signal == "DIVERGED" {
		p.Note = append(p.Note, NoteToken{Kind: "DIVERGED", Payload: "DIVERGED", Rendered: "resume = DIVERGED"})
	}
	switch {
	case cp == nil:
		p.Verdict, p.Reason = Unanchored, signal+" fired, but the run has no kernel-stamped checkpoint to return to"
		return p
	case cp.Turn < 0 || cp.Turn >= len(turns):
		p.Verdict, p.Reason = Unanchored, fmt.Sprintf("%s fired, but the checkpoint names turn %d and the transcript has %d turns", signal, cp.Turn, len(turns))
		return p
	}
	want := strings.ToLower(strings.TrimSpace(cp.Digest))
	if want == "" || want != TurnDigest(turns[cp.Turn]) {
		p.Verdict, p.Reason = Unanchored, fmt.Sprintf("%s fired, but turn %d no longer matches the checkpoint digest", signal, cp.Turn)
		return p
	}
	p.Verdict, p.Turn, p.Digest = RewindTo, cp.Turn, want
	for i := cp.Turn + 1; i < len(turns); i++ {
		p.Dropped = append(p.Dropped, i)
	}
	p.Reason = fmt.Sprintf("%s fired: rewind to checkpoint turn %d, dropping %d later turns", signal, cp.Turn, len(p.Dropped))
	return p
}
