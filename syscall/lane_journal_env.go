package syscall

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/workspace"
)

// ExitLockBusy is the exit code of LOCK_BUSY: a journal or allocator lock
// stayed held for the whole --wait. Nothing was written.
const ExitLockBusy = 4

// lockBusy is the LOCK_BUSY verdict row shared by every lane-journal writer.
var lockBusy = Verdict{Word: "LOCK_BUSY", Code: ExitLockBusy}

// laneShell is what a lane-journal verb needs: the workspace, its journal
// and the shell configuration.
type laneShell struct {
	ws  *workspace.Workspace
	j   *journal.Journal
	cfg leaselane.Config
	now time.Time
}

// openLanes resolves the workspace and its lane journal. write makes sure
// .dos/ exists first (a failure there never fails the verb: the journal
// write reports its own error).
func openLanes(env *Env, wait float64, write bool) (*laneShell, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	if write {
		_, _ = ws.EnsureDotDos()
	}
	if wait < 0 {
		return nil, Usagef("--wait must be zero or more seconds, got %v", wait)
	}
	cfg := leaselane.FromWorkspace(ws, env.Getenv)
	cfg.Wait = time.Duration(wait * float64(time.Second))
	return &laneShell{ws: ws, j: journal.ForWorkspace(ws, env.Getenv), cfg: cfg, now: env.Now().UTC()}, nil
}

// checkKind refuses a --kind that is neither a built-in lane kind nor an
// exclusive lane of the taxonomy.
func (sh *laneShell) checkKind(kind string) error {
	if admission.ValidKind(kind, sh.cfg.Taxonomy) {
		return nil
	}
	return &UsageError{Msg: fmt.Sprintf("--kind %q is not a lane kind", kind),
		Hints: []string{"kinds: cluster, keyword, global, or an exclusive lane: " + strings.Join(sh.cfg.Taxonomy.Exclusive, ", ")}}
}

// replayLanes folds env's lane journal without locking or writing.
func replayLanes(env *Env) (*laneShell, *journal.Replay, error) {
	sh, err := openLanes(env, 0, false)
	if err != nil {
		return nil, nil, err
	}
	rp, err := sh.j.Replay()
	return sh, rp, err
}

// busyResult is the LOCK_BUSY answer.
func busyResult(lane string, wait time.Duration, err error) *Result {
	return &Result{
		Verdict: lockBusy.Word,
		Text:    fmt.Sprintf("lock busy: the lane journal lock stayed held for %s; nothing was written", wait),
		Data: map[string]any{
			"lane": lane, "outcome": "lock-busy",
			"reason": fmt.Sprintf("lane journal lock busy after waiting %s (%v)", wait, err),
		},
		Interpretation: "WAIT — another dos process held the lane journal lock; retry, or raise --wait.",
	}
}

// isBusy reports a lock that stayed held.
func isBusy(err error) bool { return errors.Is(err, lock.ErrBusy) }

// printable checks a name a journal record will carry: non-empty (when
// required) and made only of printable characters (no control or line
// separator characters, which would let a record split or hide).
func printable(flag, s string, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return Usagef("--%s must be a non-empty printable string", flag)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }); i >= 0 {
		return Usagef("--%s contains an unprintable character at byte %d (%q)", flag, i, s)
	}
	return nil
}
