package truth

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dispatchos/dos/internal/debuglog"
	"github.com/dispatchos/dos/internal/smallfile"
	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/plandoc"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/state/verifyindex"
	"github.com/dispatchos/dos/witness/acceptance"
	"github.com/dispatchos/dos/witness/gitlog"
	"github.com/dispatchos/dos/witness/gitref"
	"github.com/dispatchos/dos/witness/registry"
	"github.com/dispatchos/dos/workspace"
)

// Options choose what a Reader verifies against.
type Options struct {
	// Ref is the verified ref; empty means HEAD.
	Ref string
	// NoIndex walks the history without reading or writing the cache.
	NoIndex bool
	// NoCI skips the binding rungs (exec_cmd, prefer_artifact_rung).
	NoCI bool
	// Log receives debug lines: how the history index was had, and what
	// each verify decided and refused on the way. nil is off.
	Log debuglog.Logger
}

// Reader answers verify questions against one workspace and ref. It is
// safe for concurrent use.
type Reader struct {
	ws    *workspace.Workspace
	log   debuglog.Logger
	rows  []oracle.RegistryRow
	soaks []oracle.Soak
	hist  oracle.History
	noCI  bool
	// shallow says the repository is a shallow clone: history before its
	// boundary is invisible.
	shallow bool

	// exec is the acceptance command's outcome, run at most once: every
	// phase verified against one work tree shares it.
	exec     acceptance.Outcome
	execOnce sync.Once
	// shared are the plan numbers two or more plan docs share; owners map
	// plan ids to the doc whose plan-meta declares them. Each is read once,
	// and only when a question needs it.
	shared     map[string][]string
	sharedOnce sync.Once
	owners     map[string]string
	ownersOnce sync.Once
}

// Open gathers the evidence for ws at o.Ref and loads (or builds) the
// history index once; many phases may then be verified against it.
func Open(ctx context.Context, ws *workspace.Workspace, o Options) (*Reader, error) {
	if !ws.IsGit() {
		return nil, fmt.Errorf("%s is %w", ws.Dir, ErrNotGit)
	}
	ref := o.Ref
	if ref == "" {
		ref = "HEAD"
	}
	r := &Reader{ws: ws, log: o.Log, noCI: o.NoCI,
		rows:  registry.Read(ws.Config.Paths.ExecutionState),
		soaks: registry.ReadSoaks(ws.Config.Paths.SoaksIndex)}
	tip, err := resolveRef(ctx, ws, ref)
	switch {
	case errors.Is(err, gitref.ErrNoCommits):
		r.hist = emptyHistory{}
		return r, nil
	case err != nil:
		return nil, err
	}
	shallow, _ := smallfile.Read(filepath.Join(ws.CommonDir, "shallow"), math.MaxInt)
	r.shallow = len(shallow) > 0
	cacheDir := filepath.Join(ws.CommonDir, "dos")
	if o.NoIndex {
		cacheDir = ""
	}
	x, err := verifyindex.Get(ctx, verifyindex.Request{RepoDir: ws.CheckoutRoot, CacheDir: cacheDir, Tip: tip,
		Convention: ws.Config.Stamp, Shallow: string(shallow), Log: o.Log})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	r.hist = &verifyindex.History{X: x, Footprints: verifyindex.NewFootprints(cacheDir),
		Git: gitlog.NewDiffTree(ws.CheckoutRoot)}
	return r, nil
}

// resolveRef finds the commit ref names. The warm path settles HEAD and
// plain names from the ref files; what they cannot settle (hashes,
// HEAD~2, annotated tags) asks git rev-parse. HEAD on an unborn branch
// is gitref.ErrNoCommits.
func resolveRef(ctx context.Context, ws *workspace.Workspace, ref string) ([20]byte, error) {
	dirs := gitref.Dirs{GitDir: ws.GitDir, CommonDir: ws.CommonDir}
	tip, err := dirs.Commit(ref)
	if errors.Is(err, gitref.ErrNeedsObjects) {
		tip, err = gitlog.RevParse(ctx, ws.CheckoutRoot, ref)
	}
	if err == nil || errors.Is(err, gitref.ErrNoCommits) {
		return tip, err
	}
	if _, serr := os.Stat(filepath.Join(ws.GitDir, "HEAD")); serr != nil {
		return tip, fmt.Errorf("cannot read the git repository: %w", serr)
	}
	return tip, &RefError{Ref: ref, Err: fmt.Errorf("cannot resolve %q: %w", ref, err)}
}

// Workspace is the workspace the reader answers for.
func (r *Reader) Workspace() *workspace.Workspace { return r.ws }

// Shallow reports whether the repository is a shallow clone.
func (r *Reader) Shallow() bool { return r.shallow }

// Verify decides one (plan, phase). ctx bounds the acceptance command
// when [verify] exec_cmd is set.
func (r *Reader) Verify(ctx context.Context, plan, phase string) (oracle.Verdict, error) {
	start := time.Now()
	v, err := r.verify(ctx, plan, phase)
	if err == nil && r.log.On() {
		r.logVerdict(plan, phase, &v, start)
	}
	return v, err
}

// logVerdict writes the debug line for a verdict. It is apart from Verify
// so that the line's temporaries do not sit in Verify's stack frame.
//
//go:noinline
func (r *Reader) logVerdict(plan, phase string, v *oracle.Verdict, start time.Time) {
	kv := []any{"plan", plan, "phase", phase, "verdict", v.Word(), "source", v.Source, "rung", v.Rung, "sha", v.SHA}
	for _, f := range v.Refused {
		kv = append(kv, "refused_"+f.SHA, f.Rule)
	}
	r.log.Debug("verify decided", append(kv, "took", time.Since(start))...)
}

func (r *Reader) verify(ctx context.Context, plan, phase string) (oracle.Verdict, error) {
	p, err := r.policy(plan)
	if err != nil {
		return oracle.Verdict{}, err
	}
	ev := oracle.Evidence{Rows: r.rows, Soaks: r.soaks, History: r.hist, ExpectedDoc: r.expectedDoc(plan)}
	v, err := oracle.Verify(stamp.Query{Plan: plan, Phase: phase}, ev, r.ws.Config.Stamp, p)
	if err != nil || !v.Shipped || r.noCI {
		return v, err
	}
	return r.bind(ctx, v), nil
}

// The helpers of verify are kept out of line (go:noinline): the oracle
// below verify is the deepest stack a warm verify reaches, and the
// temporaries of these helpers would otherwise sit in verify's frame all
// the while, pushing the goroutine past its first 8 KB of stack (a copy
// of the whole stack, and page faults in the runtime's tables).

// policy is the configured policy for plan, with the plan numbers two
// plan docs share when plan is such a number.
//
//go:noinline
func (r *Reader) policy(plan string) (oracle.Policy, error) {
	cfg := r.ws.Config
	p := oracle.Policy{AllowEmpty: cfg.Verify.AllowEmpty, IgnorePaths: cfg.Verify.IgnorePaths}
	if _, isNumber := plandoc.NumberHead(path.Base(plan)); isNumber || cfg.Stamp.TrailerStamp {
		shared := r.sharedHeads()
		if docs, ok := plandoc.AmbiguousPlan(plan, shared); ok {
			return p, &AmbiguousPlanError{Plan: plan, Docs: docs}
		}
		p.AmbiguousHeads = slices.Sorted(maps.Keys(shared))
	}
	return p, nil
}

// expectedDoc is the plan doc whose plan-meta declares plan, when there
// are registry rows to check against it.
//
//go:noinline
func (r *Reader) expectedDoc(plan string) string {
	if len(r.rows) == 0 {
		return ""
	}
	own := r.planOwners()
	if doc := own[plan]; doc != "" {
		return doc
	}
	return own[strings.ToUpper(plan)]
}

// bind applies the binding rungs to a ship.
//
//go:noinline
func (r *Reader) bind(ctx context.Context, v oracle.Verdict) oracle.Verdict {
	return oracle.Bind(v, r.binding(ctx))
}

// binding runs the configured acceptance command (once) and reports what
// the binding rungs need.
func (r *Reader) binding(ctx context.Context) oracle.Binding {
	vc := r.ws.Config.Verify
	b := oracle.Binding{ExecConfigured: vc.RunsCommand(), PreferArtifact: vc.PreferArtifactRung}
	if !b.ExecConfigured {
		return b
	}
	r.execOnce.Do(func() { r.exec = acceptance.Run(ctx, r.ws.CheckoutRoot, vc.ExecCmd) })
	b.ExecRan, b.ExecCode, b.ExecName = r.exec.Ran, r.exec.Code, r.exec.Name
	return b
}
