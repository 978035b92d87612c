package syscall

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/state/verifyindex"
	"github.com/dispatchos/dos/witness/git"
	runregistry "github.com/dispatchos/dos/witness/registry"
	"github.com/dispatchos/dos/workspace"
)

// truth is the one verify code path: the CLI verb, the MCP tool, the stop
// hook and dos plan all answer through it, so they cannot disagree.
type truth struct {
	ws   *workspace.Workspace
	rows []oracle.RegistryRow
	hist oracle.History
}

// openTruth resolves the workspace and ref and loads (or builds) the
// history index once; many phases may then be verified against it.
func openTruth(ctx context.Context, env *Env, ref string, noIndex bool) (*truth, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	if !ws.IsGit() {
		return nil, WithHint(fmt.Errorf("%s is not a git repository", ws.Dir),
			"verify reads git history; run it inside a repository or pass --workspace")
	}
	t := &truth{ws: ws, rows: runregistry.Read(ws.Config.Paths.ExecutionState)}
	openRepo := func() (*git.Repo, error) {
		r, err := git.OpenDirs(ws.GitDir, ws.CommonDir, ws.CheckoutRoot)
		if err != nil {
			return nil, fmt.Errorf("cannot read the git repository: %w", err)
		}
		return r, nil
	}
	// The warm path reads the ref from files and never opens the object
	// database; anything the files cannot settle goes through go-git.
	tip, err := git.ReadRef(ws.GitDir, ws.CommonDir, ref)
	if err != nil {
		repo, oerr := openRepo()
		if oerr != nil {
			return nil, oerr
		}
		h, rerr := repo.Resolve(ref)
		switch {
		case errors.Is(rerr, git.ErrNoCommits):
			t.hist = emptyHistory{}
			return t, nil
		case rerr != nil && ref == "HEAD":
			return nil, &UsageError{Msg: rerr.Error(), Hints: []string{"the repository's HEAD is missing or unreadable: is " + ws.GitDir + " intact?"}}
		case rerr != nil:
			return nil, &UsageError{Msg: rerr.Error(), Hints: []string{"--ref takes a branch, tag or commit of this repository"}}
		}
		tip = h
	}
	cacheDir := filepath.Join(ws.CommonDir, "dos")
	req := verifyindex.Request{RepoDir: ws.CheckoutRoot, Tip: tip, Convention: ws.Config.Stamp}
	if noIndex {
		cacheDir = ""
	}
	req.CacheDir = cacheDir
	x, err := verifyindex.Get(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	t.hist = &verifyindex.History{X: x, Footprints: verifyindex.NewFootprints(cacheDir), OpenRepo: openRepo}
	return t, nil
}

// verify decides one (plan, phase).
func (t *truth) verify(plan, phase string) (oracle.Verdict, error) {
	cfg := t.ws.Config
	return oracle.Verify(stamp.Query{Plan: plan, Phase: phase}, t.rows, t.hist, cfg.Stamp,
		oracle.Policy{AllowEmpty: cfg.Verify.AllowEmpty, IgnorePaths: cfg.Verify.IgnorePaths})
}

// emptyHistory is a repository with no commits yet.
type emptyHistory struct{}

func (emptyHistory) Candidates(*stamp.Matcher) ([]oracle.Candidate, error) { return nil, nil }
func (emptyHistory) Resolve(string) (int, bool)                            { return 0, false }
func (emptyHistory) Abbrev(int) string                                     { return "" }
func (emptyHistory) RevertedBy(int) (int, bool)                            { return 0, false }
func (emptyHistory) Footprint(int) ([]string, error)                       { return nil, nil }
