package runs

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store/backend"
	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/witness/gitref"
	"github.com/dispatchos/dos/witness/proc"
	"github.com/dispatchos/dos/workspace"
)

// LivenessQuery is what liveness evidence is gathered for.
type LivenessQuery struct {
	// RunStartedMS is the run's start (decoded from its run id).
	RunStartedMS int64
	// NowMS is the clock, read once by the caller.
	NowMS int64
	// StartSHA, when set, turns on the commit rung: commits in
	// StartSHA..HEAD. It must resolve and be an ancestor of HEAD.
	StartSHA string
	// Identity, when both halves are set, turns on the journal rungs.
	Identity lease.Identity
	// HeartbeatAgeMS overrides the journal's heartbeat age (an explicit
	// 0 included).
	HeartbeatAgeMS *int64
	// PID, when Probe is set, is probed; HostID is the host it runs on
	// ("" for this one).
	PID    int
	HostID string
	Probe  bool
	// TokensSpent decorates a SPINNING reason.
	TokensSpent *int64
}

// JournalRungs is the fold of the lane journal for one identity.
type JournalRungs struct {
	Events         int
	HeartbeatAgeMS *int64
	// NewestProgressMS is the newest progress event; ok false when none.
	NewestProgressMS int64
	HasProgress      bool
}

// GatherLiveness gathers the evidence of the liveness ladder in ws: the
// commits since the start sha (go-git, no process), the lane journal's
// rungs for the identity (only the lines that name it are decoded), and
// the process probe. A start sha that does not resolve or is not an
// ancestor of HEAD is a usage error; a journal that cannot be read gives
// no journal rungs.
func GatherLiveness(ctx context.Context, ws *workspace.Workspace, getenv func(string) string, q LivenessQuery) (liveness.Evidence, error) {
	ev := liveness.Evidence{NowMS: q.NowMS, RunStartedMS: q.RunStartedMS, TokensSpent: q.TokensSpent}
	if q.StartSHA != "" {
		n, err := CommitsSince(ws, q.StartSHA)
		if err != nil {
			return ev, err
		}
		ev.Commits = n
	}
	if q.Identity.Lane != "" && q.Identity.LoopTS != "" {
		jr, err := foldLeaseEvents(ctx, ws, getenv, q.Identity, q.RunStartedMS, q.NowMS)
		if err != nil {
			return ev, err
		}
		ev.JournalEvents, ev.HeartbeatAgeMS = jr.Events, jr.HeartbeatAgeMS
	}
	if q.HeartbeatAgeMS != nil {
		ev.HeartbeatAgeMS = q.HeartbeatAgeMS
	}
	if q.Probe {
		ev.Process = proc.Probe(q.PID, q.HostID, leaselane.HostID(getenv))
	}
	return ev, nil
}

// foldLeaseEvents folds ws's lease events for identity id of a run
// started at runStartedMS, judged at nowMS: the lane journal's (one that
// cannot be read folds to nothing: no events, no heartbeat), or a
// fleet's, whose store must answer (an error names its endpoints).
func foldLeaseEvents(ctx context.Context, ws *workspace.Workspace, getenv func(string) string, id lease.Identity, runStartedMS, nowMS int64) (JournalRungs, error) {
	f := liveness.NewJournalFold(id, runStartedMS, nowMS)
	if err := leaseRecords(ctx, ws, getenv, [][]byte{journal.Needle(id.LoopTS), journal.Needle(id.Lane)}, f.Apply); err != nil {
		if backend.Shared(ws.Config.Fleet) {
			return JournalRungs{}, err
		}
		return JournalRungs{}, nil
	}
	jr := JournalRungs{Events: f.Events(), HeartbeatAgeMS: f.HeartbeatAgeMS()}
	jr.NewestProgressMS, jr.HasProgress = f.NewestProgressMS()
	return jr, nil
}

// CommitsSince counts the commits in start..HEAD of ws's checkout. start
// must name a commit that is an ancestor of HEAD (a typo would otherwise
// read as zero commits, and a commit off to the side would count history
// from before the run); either is a usage error.
func CommitsSince(ws *workspace.Workspace, start string) (int, error) {
	if !ws.IsGit() {
		return 0, call.Usagef("--start-sha needs a git repository, and %s is not inside one", ws.Dir)
	}
	repo, err := git.OpenDirs(ws.GitDir, ws.CommonDir, ws.CheckoutRoot)
	if err != nil {
		return 0, fmt.Errorf("cannot read the git repository: %w", err)
	}
	var head plumbing.Hash
	if h, rerr := (gitref.Dirs{GitDir: ws.GitDir, CommonDir: ws.CommonDir}).Commit("HEAD"); rerr == nil {
		head = plumbing.Hash(h)
	} else if head, err = repo.Resolve("HEAD"); errors.Is(err, gitref.ErrNoCommits) {
		return 0, call.Usagef("--start-sha %s: the repository has no commits yet", start)
	} else if err != nil {
		return 0, err
	}
	badStart := &call.UsageError{Msg: fmt.Sprintf("--start-sha %s does not name a commit of this repository", start),
		Hints: []string{"pass the sha HEAD pointed at when the run started (git rev-parse HEAD)"}}
	var from plumbing.Hash
	if isHex(start) && len(start) == 40 {
		from = plumbing.NewHash(start) // checked by the walk: no pack index for a name
	} else if from, err = repo.Resolve(start); err != nil {
		return 0, badStart
	}
	notAncestor := &call.UsageError{Msg: fmt.Sprintf("--start-sha %s is not an ancestor of HEAD", start),
		Hints: []string{"a run's start sha is a commit its branch grew from; after a rebase, pass the new base"}}
	n, anc, err := repo.Since(ws.CommonDir, from, head)
	switch {
	case err == nil && !anc:
		return 0, notAncestor
	case err == nil:
		return n, nil
	case !errors.Is(err, git.ErrNoGraph):
		if _, cerr := repo.Commit(from); cerr != nil {
			return 0, badStart
		}
		return 0, fmt.Errorf("read history: %w", err)
	}
	if _, err := repo.Commit(from); err != nil {
		return 0, badStart
	}
	// No commit-graph: from is an ancestor of HEAD exactly when it has no
	// commit HEAD lacks.
	extra, err := repo.CommitsBetween(head, from, 1)
	if err != nil {
		return 0, fmt.Errorf("read history: %w", err)
	}
	if len(extra) > 0 {
		return 0, notAncestor
	}
	cs, err := repo.CommitsBetween(from, head, 0)
	if err != nil {
		return 0, fmt.Errorf("read history: %w", err)
	}
	return len(cs), nil
}
