package lanes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
	kl "github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/resume"
	"github.com/dispatchos/dos/state/ledger"
)

// suspend is a SUSPEND record checked before the HALT is written, so a
// refused --resumable writes nothing at all.
type suspend struct {
	l    *ledger.Ledger
	rec  *kl.Suspend
	note string
}

// prepareSuspend checks halt's --resumable flags. Without --resumable or
// without --run-id it suspends nothing (the latter with a note, as the
// reference does); a run id that is not a token, a run with no intent
// ledger, or a checkpoint turn the transcript lacks is a usage error.
func prepareSuspend(sh *laneShell, a *HaltArgs) (*suspend, error) {
	if !a.Resumable {
		if a.ResumeSHA != "" || a.CheckpointTurn != "" {
			return nil, call.Usagef("--resume-sha and --checkpoint-turn need --resumable")
		}
		return nil, nil
	}
	if a.RunID == "" {
		return &suspend{note: "no --run-id: the HALT is recorded, but no run ledger was suspended"}, nil
	}
	l, err := ledger.At(sh.ws.Config.Paths.FanoutRuns, a.RunID)
	if err != nil {
		return nil, call.Usagef("--run-id: %v", err)
	}
	rd, err := l.Read()
	if err != nil {
		return nil, err
	}
	if !rd.Exists {
		return nil, &call.UsageError{Msg: fmt.Sprintf("--resumable: run %s has no intent ledger, so there is nothing to resume; nothing was recorded", a.RunID),
			Hints: []string{"declare the run first (dos intent declare --run-id " + a.RunID + " --goal ...), or halt without --resumable"}}
	}
	reason := a.Reason
	if reason == "" {
		reason = "resumable-halt"
		if a.Owner != "" {
			reason += ":" + a.Owner
		}
	}
	rec := &kl.Suspend{Reason: reason, ResumeSHA: a.ResumeSHA}
	if s := strings.TrimSpace(a.CheckpointTurn); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, call.Usagef("--checkpoint-turn wants a turn number (0 or more), got %q", s)
		}
		turns, err := transcriptTurns(filepath.Join(l.Dir, "transcript.jsonl"))
		if err != nil {
			return nil, err
		}
		if n >= len(turns) {
			return nil, call.Usagef("--checkpoint-turn %d: the run's transcript has %d turns", n, len(turns))
		}
		rec.CheckpointTurn, rec.TranscriptDigest = &n, resume.TurnDigest(turns[n])
	}
	return &suspend{l: l, rec: rec}, nil
}

// commit appends the SUSPEND after the HALT is on disk. A failure leaves
// the HALT recorded and says so.
func (s *suspend) commit(now time.Time) (bool, string) {
	if s == nil || s.l == nil {
		if s == nil {
			return false, ""
		}
		return false, s.note
	}
	if err := s.l.Append(now, s.rec); err != nil {
		return false, "the HALT is recorded, but the SUSPEND was not: " + err.Error()
	}
	return true, ""
}

func transcriptTurns(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read transcript %s: %w", path, err)
	}
	return resume.Turns(string(b)), nil
}
