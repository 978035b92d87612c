package lanes

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/tree"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/witness/gitref"
	"github.com/dispatchos/dos/workspace"
)

// ScopeGateArgs are the inputs of scope-gate.
type ScopeGateArgs struct {
	Lane        string   `name:"lane" required:"true" help:"the lane whose tree the change must stay inside"`
	Files       []string `name:"file" help:"a touched path, repository-relative (repeatable; overrides --staged and --base/--head)"`
	Staged      bool     `name:"staged" help:"judge the staged changes (the index against HEAD)"`
	Base        string   `name:"base" help:"judge the changes from this commit (default HEAD when --head is given)"`
	Head        string   `name:"head" help:"judge the changes up to this commit (default HEAD when --base is given)"`
	SharedInfra bool     `name:"shared-infra" help:"tolerate the reference's shared-infra files (config.py, __init__.py, pyproject.toml, ...) outside the tree"`
	Generation  int64    `name:"generation" help:"the fencing generation lease-lane acquire answered for the lane: refuse the change (FENCED) unless that lease is still the lane's live one"`
}

// ScopeGateResult is scope-gate's answer: the gate's judgement as it is,
// and with --generation the fencing check.
type ScopeGateResult struct {
	admission.Gate
	// Fence is the fencing check; nil without --generation.
	Fence *admission.Fence `json:"fence,omitempty"`
}

// ScopeGate is the binding containment check of a proposed write.
var ScopeGate = call.Def{
	Path:  "scope-gate",
	Short: "Refuse a change that writes outside its lane's tree",
	Long: `USE THIS WHEN: a change is about to land for a lane and you need to know it
touches only paths inside that lane's tree.

May this change land under lane L? scope-gate collects the touched paths (--file,
else the staged changes with --staged, else the commits --base..--head) and
checks each against the lane's tree from dos.toml, with the same path
normalisation the arbiter uses (case, slashes, "./", globs).

ALLOW when every path is inside the tree (an empty change is allowed: there is
nothing to judge). SCOPE_CREEP when some paths are inside and some outside.
WRONG_TARGET when none is inside, or the lane declares no tree (an unknown lane
has none). The gate fails closed: outside a git repository, with a bad ref, or
with nothing to judge (no --file, --staged or range) it is a contract error,
never an ALLOW. So is a --file, or a lane tree, that leaves the repository
(../x, an absolute path elsewhere, a symbolic link leading out); paths and
trees through links inside the repository are judged where the links lead.
Lane names match exactly. Unlike the reference, files such as config.py are not tolerated
outside the tree unless --shared-infra is given.

With --generation G (the "generation" lease-lane acquire answered) the gate is
also the apply gate's fence: the change is FENCED when the lane's lease of
generation G is no longer live (released, expired, or lost and taken again at a
newer generation) or a live lease of a newer generation overlaps its tree, and
then it must not land whatever paths it touches. The live leases are read from
the lane journal, or from the cluster on an etcd fleet ([fleet] in dos.toml),
where the generation is the revision that created the lease; a cluster that
does not answer is a contract error naming its endpoints, never an ALLOW.

Exit 0 ALLOW, 5 SCOPE_CREEP, 6 WRONG_TARGET, 7 FENCED, 2 contract error.`,
	Example:  "  dos scope-gate --lane api --staged\n  dos scope-gate --lane api --file src/api/x.py --file docs/y.md\n  dos scope-gate --lane api --base main --head HEAD --json",
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Allow, &ScopeCreep, &WrongTarget, &FencedOff},
	Handler: &call.Typed[ScopeGateArgs, ScopeGateResult]{Fn: func(ctx context.Context, env *call.Env, a *ScopeGateArgs) (*call.Reply[ScopeGateResult], error) {
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		files, err := touchedFiles(ws, a)
		if err != nil {
			return nil, err
		}
		tax := leaselane.FromWorkspace(ws, env.Getenv).Taxonomy
		lane, laneTree, _ := admission.LaneTree(tax, a.Lane)
		why, bad := tax.Uncertified[lane]
		if err := tree.Confine(laneTree); !bad && err != nil {
			why, bad = err.Error(), true
		}
		if bad {
			return nil, &call.UsageError{Msg: fmt.Sprintf("lane %q in dos.toml: %s", lane, why),
				Hints: []string{"dos lint lists every lane tree that leaves the repository"}}
		}
		var tolerated []string
		if a.SharedInfra {
			tolerated = admission.SharedInfra
		}
		g := admission.ScopeGate(lane, laneTree, files, tolerated)
		res := &call.Reply[ScopeGateResult]{Body: ScopeGateResult{Gate: g}}
		if a.Generation != 0 {
			f, err := checkFence(ctx, env, lane, a.Generation)
			if err != nil {
				return nil, err
			}
			res.Body.Fence = &f
			if !f.Allowed {
				res.Verdict = FencedOff
				res.Text = "REFUSE: write FENCED — " + f.Reason
				res.Interpretation = fmt.Sprintf("REFUSE — the lease this change was made under (lane %s, generation %d) no longer holds; do not land it. Take the lane again and redo the change against the tree as it is now.",
					lane, a.Generation)
				return res, nil
			}
		}
		if g.Allowed {
			res.Verdict = Allow
			res.Text = "ALLOW: write ALLOWED — " + g.Reason
			res.Interpretation = fmt.Sprintf("ALLOW — the change stays inside lane %s's tree; it may land.", lane)
		} else {
			if res.Verdict, err = scopeVerdict(g.Scope.Verdict); err != nil {
				return nil, err
			}
			res.Text = fmt.Sprintf("REFUSE: write REFUSED (%s) — %s", g.Scope.Verdict, g.Reason)
			res.Interpretation = fmt.Sprintf("REFUSE — do not land this change under lane %s: move %s to the lane that owns them, or take a lane whose tree covers them.",
				lane, strings.Join(g.RefusedFiles, ", "))
		}
		return res, nil
	}},
}

// checkFence reads the live leases with their generations (the journal's,
// or the fleet's) and checks the claim of a write made under lane's lease
// of generation gen. A fleet that does not answer is an error.
func checkFence(ctx context.Context, env *call.Env, lane string, gen int64) (admission.Fence, error) {
	if gen < 0 {
		return admission.Fence{}, call.Usagef("--generation must be a positive number, got %d", gen)
	}
	sh, err := openLanes(env, 0, false)
	if err != nil {
		return admission.Fence{}, err
	}
	held, err := sh.fences(ctx, env)
	if err != nil {
		return admission.Fence{}, err
	}
	return admission.CheckFence(admission.FenceClaim{Lane: lane, Generation: gen}, held), nil
}

// touchedFiles gathers the paths to judge. It never answers an empty set
// for a failed gather: that would be a silent ALLOW.
func touchedFiles(ws *workspace.Workspace, a *ScopeGateArgs) ([]string, error) {
	root := ws.CheckoutRoot
	if root == "" {
		root = ws.StateRoot
	}
	if len(a.Files) > 0 {
		out := make([]string, 0, len(a.Files))
		for _, f := range a.Files {
			if filepath.IsAbs(f) {
				if rel, err := filepath.Rel(root, f); err == nil {
					f = filepath.ToSlash(rel)
				}
			}
			out = append(out, f)
		}
		out, err := ws.ResolveTree(out)
		if err != nil {
			return nil, call.Usagef("--file: %v", err)
		}
		return out, nil
	}
	if !a.Staged && a.Base == "" && a.Head == "" {
		return nil, &call.UsageError{Msg: "nothing to judge: give --file, --staged or a --base/--head range",
			Hints: []string{"dos scope-gate --lane <lane> --staged"}}
	}
	dir := ws.CheckoutRoot
	if dir == "" {
		dir = ws.Dir
	}
	r, err := git.Open(dir)
	if errors.Is(err, gitref.ErrNotRepo) {
		return nil, call.WithHint(fmt.Errorf("scope-gate reads git and %s is not in a git repository: %w", dir, err),
			"pass the touched paths with --file instead")
	}
	if err != nil {
		return nil, err
	}
	if a.Staged {
		return r.StagedPaths()
	}
	base, err := r.Resolve(orHEAD(a.Base))
	if err != nil {
		return nil, call.Usagef("--base: %v", err)
	}
	head, err := r.Resolve(orHEAD(a.Head))
	if err != nil {
		return nil, call.Usagef("--head: %v", err)
	}
	return r.RangePaths(base, head)
}

func orHEAD(rev string) string {
	if rev == "" {
		return "HEAD"
	}
	return rev
}
