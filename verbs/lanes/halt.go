package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
)

// HaltArgs are the inputs of halt.
type HaltArgs struct {
	Handle  string  `name:"handle" required:"true" help:"what to stop (opaque: a pid, a session id, a run id)"`
	Lane    string  `name:"lane" help:"the lane of the lease the stop is about"`
	LoopTS  string  `name:"loop-ts" help:"the loop stamp of that lease"`
	Owner   string  `name:"owner" help:"who decided the stop"`
	Reason  string  `name:"reason" help:"why (default: halt:<owner>)"`
	RunID   string  `name:"run-id" help:"the run the stop belongs to"`
	Command string  `name:"command" help:"the command a supervisor should run to stop it (recorded, never run)"`
	Wait    float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
	// Resumable also suspends the run in its intent ledger.
	Resumable      bool   `name:"resumable" help:"also record SUSPEND on --run-id's intent ledger, so 'dos resume' can continue it (refused for a run with no ledger)"`
	ResumeSHA      string `name:"resume-sha" help:"with --resumable: the commit to re-enter at"`
	CheckpointTurn string `name:"checkpoint-turn" help:"with --resumable: stamp transcript turn N (0-based) as the checkpoint 'dos rewind' returns to"`
}

// HaltResult is halt's answer: the stop as recorded, or the LOCK_BUSY body.
type HaltResult struct {
	Command string `json:"command"`
	Handle  string `json:"handle"`
	// Lane and LoopTS are the correlated lease's, else the ones asked for.
	Lane   string `json:"lane"`
	LoopTS string `json:"loop_ts"`
	// Recorded is true: the HALT record is on disk.
	Recorded bool  `json:"recorded"`
	Seq      int64 `json:"seq"`
	// Correlated says a live lease matched.
	Correlated bool `json:"correlated"`
	// Suspended and SuspendNote answer --resumable: whether SUSPEND is on
	// the run's ledger, and why not.
	Suspended   *bool  `json:"suspended,omitempty"`
	SuspendNote string `json:"suspend_note,omitempty"`
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type haltPlain HaltResult

// MarshalJSON writes the record, or the LOCK_BUSY body.
func (r HaltResult) MarshalJSON() ([]byte, error) { return orBusy(r.Busy, haltPlain(r)) }

// OutputSchema says the answer is the record or the LOCK_BUSY body.
func (HaltResult) OutputShape() call.Shape { return shapeOrBusy[haltPlain]() }

// Halt records a stop decision in the lane journal.
var Halt = call.Def{
	Path:  "halt",
	Short: "Record a decision to stop a running agent (signals nothing)",
	Long: `USE THIS WHEN: an operator or supervisor has decided an agent must stop and the
decision should be on record for the fleet to see.

Has someone decided this agent must stop? halt appends a HALT record to the lane
journal, correlated to the first live lease matching --lane/--loop-ts (or, when
neither is given, the lease whose pid is the handle). It never signals or runs
anything and removes no lease: only a later release or expiry frees the lane.

--resumable also appends a SUSPEND record to the run's intent ledger (reason,
--resume-sha, and with --checkpoint-turn N the digest of transcript turn N), so
'dos resume' and 'dos rewind' can continue it. Without --run-id it records the
plain HALT and answers suspended:false, as the reference does.

Where dos differs from the reference: --resumable is refused (exit 2, nothing
written) for a --run-id that is not a valid run id or has no intent ledger,
where the reference created a SUSPEND-only ledger that resume could never use;
--checkpoint-turn is new (the reference had no way to write a checkpoint).

On an etcd fleet ([fleet] in dos.toml) the HALT is an event in the cluster,
correlated to the cluster's live leases; a cluster that does not answer is
exit 4 with nothing recorded (and no SUSPEND).

Exit 0 RECORDED, 4 LOCK_BUSY, 2 bad input or a journal that cannot be written.`,
	Example:     "  dos halt --handle 4242 --reason 'wedged on tests'\n  dos halt --handle sess-7 --lane src --owner operator",
	Toolset:     call.WriteSet,
	Class:       call.Write,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Recorded, &LockBusy},
	Handler: &call.Typed[HaltArgs, HaltResult]{Fn: func(ctx context.Context, env *call.Env, a *HaltArgs) (*call.Reply[HaltResult], error) {
		for _, c := range [][2]string{{"handle", a.Handle}, {"lane", a.Lane}, {"loop-ts", a.LoopTS}, {"owner", a.Owner}, {"run-id", a.RunID}} {
			if err := printable(c[0], c[1], c[0] == "handle"); err != nil {
				return nil, err
			}
		}
		sh, err := openLanes(env, a.Wait, true)
		if err != nil {
			return nil, err
		}
		sus, err := prepareSuspend(sh, a)
		if err != nil {
			return nil, err
		}
		in := leaselane.HaltInput{
			Handle: a.Handle, Lane: a.Lane, LoopTS: a.LoopTS, Owner: a.Owner, Reason: a.Reason, RunID: a.RunID, Command: a.Command,
		}
		shared, err := sh.shared(env)
		if err != nil {
			return downReply(HaltResult{Busy: downBody(a.Lane, err)}, err), nil
		}
		var r leaselane.OpResult
		if shared != nil {
			defer shared.Close()
			r, err = leaselane.HaltIn(ctx, shared, sh.cfg.HostID, in)
			if store.Down(err) {
				return downReply(HaltResult{Busy: downBody(a.Lane, err)}, err), nil
			}
		} else {
			r, err = leaselane.Halt(ctx, sh.j, sh.now, sh.cfg, in)
		}
		if isBusy(err) {
			return busyReply(HaltResult{Busy: newBusy(a.Lane, sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if err != nil {
			return nil, err
		}
		lane, loop := a.Lane, a.LoopTS
		if r.Lease != nil {
			lane, loop = r.Lease.Lane, r.Lease.LoopTS
		}
		body := HaltResult{Command: a.Command, Handle: a.Handle, Lane: lane, LoopTS: loop, Recorded: true, Seq: r.Seq,
			Correlated: r.Lease != nil}
		if a.Resumable {
			ok, note := sus.commit(sh.now)
			body.Suspended, body.SuspendNote = &ok, note
		}
		text := fmt.Sprintf("RECORDED halt of %s (lane %q)", a.Handle, lane)
		if body.Suspended != nil && *body.Suspended {
			text += fmt.Sprintf("; run %s suspended (resumable)", a.RunID)
		}
		return &call.Reply[HaltResult]{Verdict: Recorded, Body: body,
			Text:           text,
			Interpretation: "The stop is on record; the agent's supervisor acts on it. The lane stays held until released or expired."}, nil
	}},
}
