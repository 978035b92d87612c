package lanes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/tree"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/workspace"
)

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
func openLanes(env *call.Env, wait float64, write bool) (*laneShell, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	if write {
		_, _ = ws.EnsureDotDos()
	}
	if err := lease.CheckWait(wait, lease.MaxWaitSeconds); err != nil {
		return nil, call.Usagef("--wait: %v", err)
	}
	cfg := leaselane.FromWorkspace(ws, env.Getenv)
	cfg.Wait = lease.Seconds(wait)
	j := journal.ForWorkspace(ws, env.Getenv)
	j.Log = env.DebugLog()
	return &laneShell{ws: ws, j: j, cfg: cfg, now: env.Now().UTC()}, nil
}

// checkKind refuses a --kind that is neither a built-in lane kind nor an
// exclusive lane of the taxonomy.
func (sh *laneShell) checkKind(kind string) error {
	if admission.ValidKind(kind, sh.cfg.Taxonomy) {
		return nil
	}
	return &call.UsageError{Msg: fmt.Sprintf("--kind %q is not a lane kind", kind),
		Hints: []string{"kinds: cluster, keyword, global, or an exclusive lane: " + strings.Join(sh.cfg.Taxonomy.Exclusive, ", ")}}
}

// request checks the lane and tree a request names (exit 2 for a tree
// that leaves the repository, or a named lane whose declared tree does)
// and returns the tree resolved through the links inside the repository.
func (sh *laneShell) request(lane string, t []string, auto, exact bool) ([]string, error) {
	if auto && exact {
		return nil, call.Usagef("--auto and --exact contradict each other: --auto lets dos hand out another lane, --exact forbids it")
	}
	r, err := sh.ws.ResolveTree(t)
	if err != nil {
		return nil, call.Usagef("--tree: %v", err)
	}
	if !tree.Known(t) {
		name, declared, known := admission.LaneTree(sh.cfg.Taxonomy, lane)
		why, bad := sh.cfg.Taxonomy.Uncertified[name]
		if err := tree.Confine(declared); !bad && known && err != nil {
			why, bad = err.Error(), true
		}
		if bad {
			return nil, &call.UsageError{Msg: fmt.Sprintf("lane %q in dos.toml: %s", name, why),
				Hints: []string{"dos lint lists every lane tree that leaves the repository"}}
		}
	}
	return r, nil
}

// resolveLeases follows the links in the trees of leases given on the
// command line, so they compare like the journal's; a tree that cannot be
// resolved is kept as given (the arbiter widens what it cannot place).
func (sh *laneShell) resolveLeases(ls []lease.Lease) {
	for i := range ls {
		if r, err := sh.ws.ResolveTree(ls[i].Tree); err == nil {
			ls[i].Tree = r
		}
	}
}

// LockBusyResult is the JSON form of a LOCK_BUSY answer from a
// lane-journal writer: the lane asked about ("" for a verb that names
// none), outcome "lock-busy" and why.
type LockBusyResult struct {
	Lane    string `json:"lane"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
}

// newBusy is the LOCK_BUSY body after waiting wait for the journal lock.
func newBusy(lane string, wait time.Duration, err error) *LockBusyResult {
	return &LockBusyResult{Lane: lane, Outcome: "lock-busy",
		Reason: fmt.Sprintf("lane journal lock busy after waiting %s (%v)", wait, err)}
}

// busyReply is the LOCK_BUSY answer carrying body (whose Busy is set).
func busyReply[R any](body R, wait time.Duration) *call.Reply[R] {
	return &call.Reply[R]{
		Verdict:        LockBusy,
		Text:           fmt.Sprintf("lock busy: the lane journal lock stayed held for %s; nothing was written", wait),
		Body:           body,
		Interpretation: "WAIT — another dos process held the lane journal lock; retry, or raise --wait.",
	}
}

// orBusy is the JSON form of a result that may be a LOCK_BUSY answer: the
// busy body when set, else plain (the result without its MarshalJSON).
func orBusy(busy *LockBusyResult, plain any) ([]byte, error) {
	if busy != nil {
		return encodeJSON(busy)
	}
	return encodeJSON(plain)
}

// shapeOrBusy is the shape of a result whose JSON form is either T's or a
// [LockBusyResult].
func shapeOrBusy[T any]() call.Shape {
	return call.ShapeOf(reflect.TypeFor[T](), reflect.TypeFor[LockBusyResult]())
}

// shapeOptional is T's shape with the named keys made optional: the
// promoted fields of an embedded pointer, present as a group or not at all.
func shapeOptional[T any](keys ...string) call.Shape {
	return call.Shape{Of: []reflect.Type{reflect.TypeFor[T]()}, Optional: keys}
}

// encodeJSON encodes v as the surfaces print it: without HTML escaping and
// without a trailing newline.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// isBusy reports a lock that stayed held.
func isBusy(err error) bool { return errors.Is(err, lock.ErrBusy) }

// printable checks a name a journal record will carry: non-empty (when
// required) and made only of printable characters (no control or line
// separator characters, which would let a record split or hide).
func printable(flag, s string, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return call.Usagef("--%s must be a non-empty printable string", flag)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }); i >= 0 {
		return call.Usagef("--%s contains an unprintable character at byte %d (%q)", flag, i, s)
	}
	return nil
}
