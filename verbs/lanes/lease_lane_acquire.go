package lanes

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// LeaseLaneAcquireArgs are the inputs of lease-lane acquire.
type LeaseLaneAcquireArgs struct {
	Owner  string   `name:"owner" help:"who holds the lease (a non-empty printable string)"`
	Lane   string   `name:"lane" help:"the lane to take, by its exact name; empty lets the arbiter pick a free one"`
	Kind   string   `name:"kind" help:"cluster, keyword, global or an exclusive lane name (default: the lane's declared kind)"`
	Tree   []string `name:"tree" help:"globs the lease may write (repeatable; default: the lane's declared tree)"`
	RunID  string   `name:"run-id" help:"run id stamped on the lease (default: $CID_RUN_ID, then $DISPATCH_RUN_ID)"`
	LoopTS string   `name:"loop-ts" help:"the lease's loop stamp (default: now)"`
	Leases string   `name:"leases" help:"JSON array of extra live leases to decide against (added to the journal's)"`
	Auto   bool     `name:"auto" help:"when the named lane is busy or refused, take a free lane of the auto-pick ladder instead"`
	Exact  bool     `name:"exact" help:"never take another lane (the default for a named lane; kept for scripts)"`
	Force  bool     `name:"force" help:"operator override: grant the named lane over any refusal but a live exclusive lane"`
	TTL    float64  `name:"ttl" default:"30" help:"minutes the lease lives without a heartbeat (plus 5 minutes of grace; at most 527040, a year)"`
	Wait   float64  `name:"wait" default:"5" help:"seconds to wait for the journal lock (on an etcd fleet: to go on retrying lost races) before answering LOCK_BUSY (at most 86400)"`
}

// LeaseLaneAcquireResult is lease-lane acquire's answer: the arbiter's
// decision with what was journaled, or the LOCK_BUSY body.
type LeaseLaneAcquireResult struct {
	admission.Decision
	// Journaled is true when the ACQUIRE (or REFUSE) record is on disk.
	Journaled bool   `json:"journaled"`
	Owner     string `json:"owner"`
	RunID     string `json:"run_id,omitempty"`
	// Seq is the seq of the record written (absent when none was).
	Seq int64 `json:"seq,omitempty"`
	// Reaped lists the expired leases scavenged before deciding.
	Reaped []lease.Lease `json:"reaped,omitempty"`
	// LaneGrant is the granted lease; nil on refusal.
	*LaneGrant
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

// LaneGrant identifies a granted lane lease.
type LaneGrant struct {
	LoopTS  string `json:"loop_ts"`
	LeaseID string `json:"lease_id"`
	// Generation is the lease's fencing generation.
	Generation int64 `json:"generation"`
}

type leaseLaneAcquirePlain LeaseLaneAcquireResult

// MarshalJSON writes the decision, or the LOCK_BUSY body.
func (r LeaseLaneAcquireResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, leaseLaneAcquirePlain(r))
}

// OutputSchema says the answer is the decision or the LOCK_BUSY body.
func (LeaseLaneAcquireResult) OutputShape() call.Shape { return shapeOrBusy[leaseLaneAcquirePlain]() }

// LeaseLaneAcquire takes a lane lease through the journal.
var LeaseLaneAcquire = call.Def{
	Path:  "lease-lane acquire",
	Short: "Take a lane lease: decide against the live leases and journal the grant",
	Long: `USE THIS WHEN: an agent is about to start writing a lane's tree and must hold
the lane, so no other agent is admitted to overlapping paths meanwhile.

May this agent start writing the lane's tree now? acquire answers by taking the
lane journal's lock, folding the journal into the live leases, recording every
expired lease durably (a SCAVENGE record: a lease is expired when now minus its
newest stamp is more than its ttl plus 5 minutes), deciding with the arbiter and
appending the ACQUIRE (or REFUSE) record with fsync before it answers.

A lane named with --lane is granted or refused, never swapped: when it is busy
(or its tree collides) the answer is REFUSED, exit 1, with "free_lanes" listing
the lanes of its cluster that are free now and how to take one, so a caller
that reads only the exit code never believes it holds a lane it does not.
With --auto (or a bare --lane '') a free lane of the auto-pick ladder is taken
instead: the output says so ("auto_picked": true and the reason) and "lane" is
the lane actually granted. Lane names match exactly (the reference folded
case: "ss" reached "ß"). An unknown lane is refused with UNKNOWN_LANE and the
known lanes listed. A --tree that leaves the repository (../x, an absolute
path, a symbolic link leading out) is bad input, exit 2.

Exit 0 ACQUIRED (journaled), 1 REFUSED, 4 LOCK_BUSY (the journal lock stayed
held for --wait seconds, or on an etcd fleet every grant lost its race for
--wait seconds or the cluster did not answer; nothing written), 2 bad input or
a journal that cannot be written (never a grant).`,
	Example:     "  dos lease-lane acquire --owner agent-A --lane src\n  dos lease-lane acquire --owner agent-B --lane src --auto   # src, else any free lane\n  dos lease-lane acquire --owner agent-C   # any free lane",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Acquired, &Refused, &LockBusy},
	Handler: &call.Typed[LeaseLaneAcquireArgs, LeaseLaneAcquireResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseLaneAcquireArgs) (*call.Reply[LeaseLaneAcquireResult], error) {
		for _, c := range []struct {
			flag, v string
			req     bool
		}{{"owner", a.Owner, true}, {"lane", a.Lane, false}, {"loop-ts", a.LoopTS, false}, {"run-id", a.RunID, false}} {
			if err := printable(c.flag, c.v, c.req); err != nil {
				return nil, err
			}
		}
		sh, err := openLanes(env, a.Wait, true)
		if err != nil {
			return nil, err
		}
		if err := sh.checkKind(a.Kind); err != nil {
			return nil, err
		}
		if err := lease.CheckTTL(a.TTL); err != nil {
			return nil, call.Usagef("--ttl: %v", err)
		}
		reqTree, err := sh.request(a.Lane, a.Tree, a.Auto, a.Exact)
		if err != nil {
			return nil, err
		}
		extra, err := parseLeases(a.Leases)
		if err != nil {
			return nil, err
		}
		sh.resolveLeases(extra)
		runID := a.RunID
		if runID == "" {
			runID = firstEnv(env, "CID_RUN_ID", "DISPATCH_RUN_ID")
		}
		in := leaselane.AcquireInput{
			Request: admission.Request{Lane: a.Lane, Kind: a.Kind, Tree: reqTree, Owner: a.Owner, Auto: a.Auto, Exact: a.Exact, Force: a.Force},
			RunID:   runID, LoopTS: a.LoopTS, TTLMinutes: a.TTL, Extra: extra,
		}
		shared, err := sh.shared(env)
		if err != nil {
			return downReply(LeaseLaneAcquireResult{Busy: downBody(a.Lane, err)}, err), nil
		}
		if shared != nil {
			defer shared.Close()
			res, err := sh.acquireShared(ctx, shared, in)
			if store.Down(err) {
				return downReply(LeaseLaneAcquireResult{Busy: downBody(a.Lane, err)}, err), nil
			}
			if err != nil {
				return nil, err
			}
			return acquireReply(a, runID, res), nil
		}
		res, err := leaselane.Acquire(ctx, sh.j, sh.now, sh.cfg, in)
		if isBusy(err) {
			return busyReply(LeaseLaneAcquireResult{Busy: newBusy(a.Lane, sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if err != nil {
			return nil, err
		}
		return acquireReply(a, runID, res), nil
	}},
}

// acquireReply renders the decision with what was journaled.
func acquireReply(a *LeaseLaneAcquireArgs, runID string, r leaselane.AcquireResult) *call.Reply[LeaseLaneAcquireResult] {
	d := r.Decision
	body := LeaseLaneAcquireResult{Decision: d, Journaled: r.Journaled, Owner: a.Owner, RunID: runID}
	if r.Seq > 0 {
		body.Seq = r.Seq
	}
	if len(r.Reaped) > 0 {
		body.Reaped = r.Reaped
	}
	res := &call.Reply[LeaseLaneAcquireResult]{Interpretation: admission.Interpret(d, r.Journaled)}
	if !d.Granted() {
		res.Body = body
		res.Verdict = Refused
		res.Text = fmt.Sprintf("REFUSED %s: %s", d.ReasonClass, d.Reason)
		return res
	}
	body.LaneGrant = &LaneGrant{LoopTS: r.Lease.LoopTS, LeaseID: r.Lease.LeaseID, Generation: r.Generation}
	res.Body = body
	res.Verdict = Acquired
	res.Text = fmt.Sprintf("ACQUIRED lane '%s' for %s", d.Lane, a.Owner)
	if d.AutoPicked {
		res.Text += fmt.Sprintf(" (auto-picked instead of '%s': %s)", a.Lane, d.Reason)
	}
	return res
}

// parseLeases reads --leases: a JSON array of lease objects, each with a
// string lane and a list-of-strings tree.
func parseLeases(s string) ([]lease.Lease, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, call.Usagef("--leases must be a JSON array of lease objects: %v", err)
	}
	out := make([]lease.Lease, 0, len(raw))
	for i, r := range raw {
		var l lease.Lease
		if err := json.Unmarshal(r, &l); err != nil || len(r) == 0 || r[0] != '{' || l.Lane == "" {
			return nil, call.Usagef("--leases[%d] must be an object with a string \"lane\" and a list of strings \"tree\"", i)
		}
		out = append(out, l)
	}
	return out, nil
}

func firstEnv(env *call.Env, keys ...string) string {
	for _, k := range keys {
		if v := env.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
