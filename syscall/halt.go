package syscall

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/state/journal/leaselane"
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
}

// Halt records a stop decision in the lane journal.
var Halt = New(Def{
	Path:  "halt",
	Short: "Record a decision to stop a running agent (signals nothing)",
	Long: `Has someone decided this agent must stop? halt appends a HALT record to the lane
journal, correlated to the first live lease matching --lane/--loop-ts (or, when
neither is given, the lease whose pid is the handle). It never signals or runs
anything and removes no lease: only a later release or expiry frees the lane.

Exit 0 RECORDED, 4 LOCK_BUSY, 2 bad input or a journal that cannot be written.`,
	Example:     "  dos halt --handle 4242 --reason 'wedged on tests'\n  dos halt --handle sess-7 --lane src --owner operator",
	Toolset:     Admission,
	Class:       Write,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"RECORDED", 0}, lockBusy},
}, func(ctx context.Context, env *Env, a *HaltArgs) (*Result, error) {
	for _, c := range [][2]string{{"handle", a.Handle}, {"lane", a.Lane}, {"loop-ts", a.LoopTS}, {"owner", a.Owner}, {"run-id", a.RunID}} {
		if err := printable(c[0], c[1], c[0] == "handle"); err != nil {
			return nil, err
		}
	}
	sh, err := openLanes(env, a.Wait, true)
	if err != nil {
		return nil, err
	}
	r, err := leaselane.Halt(ctx, sh.j, sh.now, sh.cfg, leaselane.HaltInput{
		Handle: a.Handle, Lane: a.Lane, LoopTS: a.LoopTS, Owner: a.Owner, Reason: a.Reason, RunID: a.RunID, Command: a.Command,
	})
	if isBusy(err) {
		return busyResult(a.Lane, sh.cfg.Wait, err), nil
	}
	if err != nil {
		return nil, err
	}
	lane, loop := a.Lane, a.LoopTS
	if r.Lease != nil {
		lane, loop = r.Lease.Lane, r.Lease.LoopTS
	}
	data := map[string]any{"command": a.Command, "handle": a.Handle, "lane": lane, "loop_ts": loop, "recorded": true, "seq": r.Seq,
		"correlated": r.Lease != nil}
	return &Result{Verdict: "RECORDED", Data: data,
		Text:           fmt.Sprintf("RECORDED halt of %s (lane %q)", a.Handle, lane),
		Interpretation: "The stop is on record; the agent's supervisor acts on it. The lane stays held until released or expired."}, nil
})
