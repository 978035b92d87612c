package syscall

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/plandoc"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/state/verifyindex"
	"github.com/dispatchos/dos/witness/acceptance"
	"github.com/dispatchos/dos/witness/git"
	runregistry "github.com/dispatchos/dos/witness/registry"
	"github.com/dispatchos/dos/workspace"
)

// truth is the one verify code path: the CLI verb, the MCP tool, the stop
// hook and dos plan all answer through it, so they cannot disagree.
type truth struct {
	ctx   context.Context
	ws    *workspace.Workspace
	rows  []oracle.RegistryRow
	soaks []oracle.Soak
	hist  oracle.History
	// noCI skips the binding rungs (--no-ci).
	noCI bool
	// shallow says the repository is a shallow clone: history before its
	// boundary is invisible, so a NOT_SHIPPED deserves a warning.
	shallow bool
	// exec is the acceptance command's outcome, run at most once per
	// truth: every phase verified against one work tree shares it.
	exec     *acceptance.Outcome
	execOnce sync.Once
	// shared are the plan numbers two or more plan docs share, read once
	// and only when a query or the trailer rung needs them.
	shared     map[string][]string
	sharedOnce sync.Once
	// owners maps plan ids to the plan doc whose plan-meta declares them;
	// read once, and only when the registry has rows to gate.
	owners     map[string]string
	ownersOnce sync.Once
}

// openTruth resolves the workspace and ref and loads (or builds) the
// history index once; many phases may then be verified against it.
func openTruth(ctx context.Context, env *Env, ref string, noIndex, noCI bool) (*truth, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	if !ws.IsGit() {
		return nil, WithHint(fmt.Errorf("%s is not a git repository", ws.Dir),
			"verify reads git history; run it inside a repository or pass --workspace")
	}
	t := &truth{ctx: ctx, ws: ws, noCI: noCI,
		rows:  runregistry.Read(ws.Config.Paths.ExecutionState),
		soaks: runregistry.ReadSoaks(ws.Config.Paths.SoaksIndex)}
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
	shallow, _ := os.ReadFile(filepath.Join(ws.CommonDir, "shallow"))
	t.shallow = len(shallow) > 0
	req := verifyindex.Request{RepoDir: ws.CheckoutRoot, Tip: tip, Convention: ws.Config.Stamp, Shallow: string(shallow)}
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
	p := oracle.Policy{AllowEmpty: cfg.Verify.AllowEmpty, IgnorePaths: cfg.Verify.IgnorePaths}
	if _, isNumber := plandoc.NumberHead(path.Base(plan)); isNumber || cfg.Stamp.TrailerStamp {
		shared := t.sharedHeads()
		if docs, ok := plandoc.AmbiguousPlan(plan, shared); ok {
			return oracle.Verdict{}, &UsageError{
				Msg:   fmt.Sprintf("plan number %q is ambiguous: %d plan docs share it (%s)", plan, len(docs), strings.Join(docs, ", ")),
				Hints: []string{"query the full plan id, such as " + strings.TrimSuffix(path.Base(docs[0]), path.Ext(docs[0]))},
			}
		}
		p.AmbiguousHeads = slices.Sorted(maps.Keys(shared))
	}
	ev := oracle.Evidence{Rows: t.rows, Soaks: t.soaks, History: t.hist}
	if len(t.rows) > 0 {
		own := t.planOwners()
		if ev.ExpectedDoc = own[plan]; ev.ExpectedDoc == "" {
			ev.ExpectedDoc = own[strings.ToUpper(plan)]
		}
	}
	v, err := oracle.Verify(stamp.Query{Plan: plan, Phase: phase}, ev, cfg.Stamp, p)
	if err != nil || !v.Shipped || t.noCI {
		return v, err
	}
	return oracle.Bind(v, t.binding()), nil
}

// sharedHeads reads the plan docs once and returns the numbers two or more
// of them share. A plan glob that cannot be walked shares nothing.
func (t *truth) sharedHeads() map[string][]string {
	t.sharedOnce.Do(func() {
		files, _ := t.ws.PlanFiles()
		t.shared = plandoc.SharedHeads(files)
	})
	return t.shared
}

// planOwners reads every plan doc's plan-meta once.
func (t *truth) planOwners() map[string]string {
	t.ownersOnce.Do(func() {
		files, _ := t.ws.PlanFiles()
		docs := make([]plandoc.Doc, 0, len(files))
		for _, rel := range files {
			b, err := os.ReadFile(filepath.Join(t.ws.StateRoot, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			id, class := plandoc.Meta(string(b))
			docs = append(docs, plandoc.Doc{Path: rel, ID: id, Classification: class})
		}
		t.owners = plandoc.Owners(docs)
	})
	return t.owners
}

// binding runs the configured acceptance command (once) and reports what
// the binding rungs need.
func (t *truth) binding() oracle.Binding {
	vc := t.ws.Config.Verify
	b := oracle.Binding{ExecConfigured: vc.ExecCmd != "", PreferArtifact: vc.PreferArtifactRung}
	if !b.ExecConfigured {
		return b
	}
	t.execOnce.Do(func() {
		o := acceptance.Run(t.ctx, t.ws.CheckoutRoot, vc.ExecCmd)
		t.exec = &o
	})
	b.ExecRan, b.ExecCode, b.ExecName = t.exec.Ran, t.exec.Code, t.exec.Name
	return b
}

// emptyHistory is a repository with no commits yet.
type emptyHistory struct{}

func (emptyHistory) Candidates(*stamp.Matcher) ([]oracle.Candidate, error) { return nil, nil }
func (emptyHistory) Resolve(string) (int, bool)                            { return 0, false }
func (emptyHistory) Abbrev(int) string                                     { return "" }
func (emptyHistory) RevertedBy(int) (int, bool)                            { return 0, false }
func (emptyHistory) Footprint(int) ([]string, error)                       { return nil, nil }
