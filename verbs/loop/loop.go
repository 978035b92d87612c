package loop

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/verbs/lanes"
	"github.com/dispatchos/dos/workspace"
)

// LoopArgs are the inputs of loop.
type LoopArgs struct {
	Target         string  `name:"target" help:"workers to keep alive, 0 or more (default: [supervise] target, else 1)"`
	MaxConcurrency string  `name:"max-concurrency" help:"workers repeatable (auto-pick) lanes may hold, 1 or more (default: [supervise] max_concurrency, else off)"`
	Enact          bool    `name:"enact" mcp:"-" help:"carry out the plan: record each REAP as a SCAVENGE and start each SPAWN's worker"`
	Watch          bool    `name:"watch" mcp:"-" help:"plan again every --interval seconds until interrupted"`
	Interval       float64 `name:"interval" mcp:"-" default:"30" help:"seconds between plans with --watch or --max-ticks"`
	MaxTicks       int64   `name:"max-ticks" mcp:"-" help:"plan this many times, then stop"`
	NowMS          int64   `name:"now-ms" help:"judge at this time (epoch milliseconds) instead of the clock, on every tick"`
	Wait           float64 `name:"wait" mcp:"-" default:"5" help:"with --enact: seconds to wait for the journal lock"`
}

// LoopResult is one plan.
type LoopResult struct {
	Admissible   int              `json:"admissible"`
	Alive        int              `json:"alive"`
	Enacted      *Enacted         `json:"enacted,omitempty"`
	Evidence     LoopEvidence     `json:"evidence"`
	Flag         []LanePlan       `json:"flag"`
	ProposedHalt []LanePlan       `json:"proposed_halt"`
	Reap         []LanePlan       `json:"reap"`
	Reason       string           `json:"reason"`
	Spawn        []LanePlan       `json:"spawn"`
	Target       int              `json:"target"`
	Verdict      string           `json:"verdict"`
	proposeHalts []proposedTarget `json:"-"`
}

// LoopEvidence is the roster the plan was made from.
type LoopEvidence struct {
	Lanes  []LaneEvidence `json:"lanes"`
	Target int            `json:"target"`
}

// LaneEvidence is one lane as judged.
type LaneEvidence struct {
	IsExclusive bool     `json:"is_exclusive"`
	Lane        string   `json:"lane"`
	Liveness    *string  `json:"liveness"`
	Pending     bool     `json:"pending"`
	Repeatable  bool     `json:"repeatable"`
	SpinAgeMS   *int64   `json:"spinning_age_ms"`
	Tree        []string `json:"tree"`
}

// LanePlan is one step of the plan.
type LanePlan struct {
	Disposition string `json:"disposition"`
	Lane        string `json:"lane"`
	Reason      string `json:"reason"`
}

// proposedTarget is what a halt proposal's hint names.
type proposedTarget struct{ lane, handle string }

// Loop plans (and with --enact carries out) the worker population.
var Loop = call.Def{
	Path:  "loop",
	Short: "Plan the worker fleet toward its target: spawn, reap, flag",
	Long: `USE THIS WHEN: you run a fleet of agent workers, one per lane, and want to know
what to start, what is dead and what is stuck, from the lane journal rather than
from what the workers say.

loop reads the roster ([lanes] concurrent then exclusive), the live leases of
the lane journal, and judges each leased lane's worker as dos liveness does
(its run starts at the lease's acquired_at; its journal heartbeats and events
decide). It then plans toward the target ([supervise] target, or --target):

  spawn <lane>         a free lane, while fewer workers are alive than the
                       target and the roster can hold (lanes with disjoint
                       trees); the line shows the [supervise]
                       worker_launch_template to run
  reap <lane>          a STALLED worker: its lease should be released, and the
                       lane refills in the same plan
  flag <lane>          a SPINNING worker (alive, landing nothing), or a healthy
                       worker beyond the target: told, never reaped
  propose-halt <lane>  a worker SPINNING at least [supervise]
                       spin_halt_after_ms: dos proposes, never stops it

The outcome is AT_TARGET, FILLING, TARGET_UNREACHABLE (the roster cannot hold
the target: declare more disjoint lanes) or OVER_TARGET. Without --enact loop
writes nothing; it exits 0 whatever the plan (2 on bad input).

--enact carries the plan out under the journal lock: each REAP is recorded as
a SCAVENGE, but only if the lease is unchanged since it was judged (a fresh
heartbeat cancels it); each SPAWN is refused if the lane would collide with a
live lease, else its worker is started (detached, no shell: the template is
split into words, {lane} filled in) with CID_RUN_ID, DISPATCH_RUN_ID (a new
run id), CID_ROOT_ID, CID_PARENT_ID when this process runs under a run,
DOS_LANE and DISPATCH_WORKSPACE in its environment, its output in
.dos/spawned/<run id>.log, and a SPAWN record names it. A lane with a SPAWN
in the last 120 s and no lease yet is pending and not spawned again.
PROPOSE_HALT is never enacted.

--watch plans again every --interval seconds (default 30) until interrupted;
--max-ticks N stops after N plans.

On an etcd fleet ([fleet] in dos.toml) the roster's leases, heartbeats and
SPAWNs are the cluster's, and --enact writes only there: a REAP releases the
lease's key with its SCAVENGE (checked against the leases read again just
before, as there is no journal lock to hold), a SPAWN is an event. Nothing
lease-related is written under .dos/. A cluster that does not answer is
exit 2 naming its endpoints for a plan, and LOCK_BUSY (exit 4) with --enact,
which then carries out nothing more (the steps done before are listed).

Where dos differs from the Python reference: a spinning worker's age is the
time since the later of its grace window's end and its newest lease-layer
progress (the reference measured the newest heartbeat's age, which a
spinning worker keeps under 15 minutes, so spin_halt_after_ms above that
never fired); a young worker with no heartbeat yet is not STALLED; a negative
--target or a --max-concurrency under 1 is exit 2, not a traceback; and
--enact exists (the reference only printed).`,
	Example: `  $ dos loop
  SUPERVISE FILLING: alive 1/3, admissible 4
  2 alive, under the target of 3: spawn 1 worker(s)
  spawn docs  — run: /dos-dispatch-loop --lane docs

  $ dos loop --target 4 --json
  $ dos loop --watch --interval 60 --enact`,
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&AtTarget, &Filling, &TargetUnreachable, &OverTarget, &lanes.LockBusy},
	Handler: &call.Typed[LoopArgs, LoopResult]{Fn: func(ctx context.Context, env *call.Env, a *LoopArgs) (*call.Reply[LoopResult], error) {
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		p, err := loopPolicy(ws.Config.Supervise, a)
		if err != nil {
			return nil, err
		}
		c, err := newCadence(a.Watch, a.MaxTicks, a.Interval)
		if err != nil {
			return nil, err
		}
		if a.Wait < 0 {
			return nil, call.Usagef("--wait must be zero or more seconds, got %v", a.Wait)
		}
		src, err := openSource(env, ws)
		if err != nil && !a.Enact {
			return nil, err
		}
		if err != nil {
			return loopDown(err, ""), nil
		}
		defer src.close()
		en := &enactor{env: env, ws: ws, src: src, wait: time.Duration(a.Wait * float64(time.Second)), spawned: map[string]time.Time{}}
		return run(ctx, env, "loop", c, func(ctx context.Context, _ int64) (*call.Reply[LoopResult], error) {
			now := env.Now()
			if a.NowMS != 0 {
				now = time.UnixMilli(a.NowMS)
			}
			b, err := src.read(ctx, true)
			if err == nil {
				var g gathered
				g, err = gatherRoster(ws, b, now, p.MaxConcurrency, en.spawned)
				if err == nil {
					return en.plan(ctx, now, g, p, a.Enact)
				}
			}
			if a.Enact && store.Down(err) {
				return loopDown(err, ""), nil
			}
			return nil, err
		})
	}},
}

// plan decides one tick's plan from g and, with enact, carries it out. A
// fleet store that stops answering while the plan is carried out makes
// the answer LOCK_BUSY (exit 4), listing what was done before.
func (en *enactor) plan(ctx context.Context, now time.Time, g gathered, p supervise.Policy, enact bool) (*call.Reply[LoopResult], error) {
	template := en.ws.Config.Supervise.WorkerLaunchTemplate
	d := supervise.Decide(lanesOf(g), p)
	body := loopBody(g, d, p)
	if enact {
		ex, down, err := en.enact(ctx, now, g, d, template)
		if err != nil {
			return nil, err
		}
		body.Enacted = ex
		if down != nil {
			rep := loopDown(down, loopText(body, template))
			rep.Body = body
			return rep, nil
		}
	}
	return &call.Reply[LoopResult]{Verdict: planVerdict(d.Outcome), Text: loopText(body, template), Body: body,
		Interpretation: interpretPlan(d.Outcome)}, nil
}

// interpretPlan is the one-line gloss of a plan's outcome.
func interpretPlan(o supervise.Outcome) string {
	switch o {
	case supervise.Filling:
		return "START the workers the plan lists (or run it with --enact): fewer are alive than the target."
	case supervise.TargetUnreachable:
		return "DECLARE more lanes with disjoint trees, or lower the target: the roster cannot hold it."
	case supervise.OverTarget:
		return "More workers are alive than the target; the excess is flagged, never reaped."
	}
	return "The fleet is at its target; nothing to start."
}

// loopDown is the LOCK_BUSY answer of a fleet store that did not answer
// (plan, when one was made, is its text).
func loopDown(err error, plan string) *call.Reply[LoopResult] {
	body := LoopResult{Evidence: LoopEvidence{Lanes: []LaneEvidence{}}, Flag: []LanePlan{}, ProposedHalt: []LanePlan{},
		Reap: []LanePlan{}, Spawn: []LanePlan{}, Reason: unavailable(err)}
	text := unavailable(err) + "; nothing was reaped, spawned or recorded"
	if plan != "" {
		text = plan + "\n" + unavailable(err) + "; the steps not listed above as done were not carried out"
	}
	return &call.Reply[LoopResult]{Verdict: lanes.LockBusy, Text: text, Body: body,
		Interpretation: "WAIT — the fleet's lease store did not answer; retry, or check it with dos doctor."}
}

// loopPolicy is [supervise] with --target and --max-concurrency over it.
func loopPolicy(s workspace.SuperviseConfig, a *LoopArgs) (supervise.Policy, error) {
	p := supervise.Policy{Target: s.Target, CountSpinningAsAlive: s.CountSpinningAsAlive, ReapStalled: s.ReapStalled,
		SpinHaltAfterMS: s.SpinHaltAfterMS, MaxConcurrency: s.MaxConcurrency}
	if a.Target != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(a.Target), 10, 32)
		if err != nil || n < 0 {
			return p, call.Usagef("--target wants a whole number, 0 or more, got %q", a.Target)
		}
		p.Target = int(n)
	}
	if a.MaxConcurrency != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(a.MaxConcurrency), 10, 32)
		if err != nil || n < 1 {
			return p, call.Usagef("--max-concurrency wants a whole number, 1 or more, got %q", a.MaxConcurrency)
		}
		p.MaxConcurrency = int(n)
	}
	return p, nil
}

// loopBody renders a decision and its evidence.
func loopBody(g gathered, d supervise.Decision, p supervise.Policy) LoopResult {
	b := LoopResult{Admissible: d.Admissible, Alive: d.Alive, Reason: d.Reason, Target: p.Target, Verdict: d.Outcome.String(),
		Flag: plans(d.Flag), ProposedHalt: plans(d.ProposedHalt), Reap: plans(d.Reap), Spawn: plans(d.Spawn),
		Evidence: LoopEvidence{Target: p.Target, Lanes: make([]LaneEvidence, 0, len(g.lanes))}}
	for _, l := range g.lanes {
		e := LaneEvidence{IsExclusive: l.Exclusive, Lane: l.Name, Pending: l.Pending, Repeatable: l.Repeatable,
			SpinAgeMS: l.SpinAgeMS, Tree: l.Tree}
		if e.Tree == nil {
			e.Tree = []string{}
		}
		if l.State != 0 {
			s := l.State.String()
			e.Liveness = &s
		}
		b.Evidence.Lanes = append(b.Evidence.Lanes, e)
	}
	for _, h := range d.ProposedHalt {
		t := proposedTarget{lane: h.Lane}
		for _, l := range g.lanes {
			if l.Name == h.Lane && l.Lease != nil {
				t.handle = l.Lease.RunID
				if t.handle == "" && l.Lease.PID != 0 {
					t.handle = strconv.Itoa(l.Lease.PID)
				}
			}
		}
		b.proposeHalts = append(b.proposeHalts, t)
	}
	return b
}

func plans(ps []supervise.Plan) []LanePlan {
	out := make([]LanePlan, 0, len(ps))
	for _, p := range ps {
		out = append(out, LanePlan{Disposition: p.Disposition.String(), Lane: p.Lane, Reason: p.Reason})
	}
	return out
}

// loopText is the plan as a person reads it.
func loopText(b LoopResult, template string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "SUPERVISE %s: alive %d/%d, admissible %d\n%s", b.Verdict, b.Alive, b.Target, b.Admissible, b.Reason)
	for _, p := range b.Spawn {
		fmt.Fprintf(&s, "\nspawn %s  — run: %s", p.Lane, launchLine(template, p.Lane))
	}
	for _, p := range b.Reap {
		fmt.Fprintf(&s, "\nreap %s  (%s)", p.Lane, p.Reason)
	}
	for _, p := range b.Flag {
		fmt.Fprintf(&s, "\nflag %s  (%s)", p.Lane, p.Reason)
	}
	for i, p := range b.ProposedHalt {
		handle := "<handle>"
		if i < len(b.proposeHalts) && b.proposeHalts[i].handle != "" {
			handle = b.proposeHalts[i].handle
		}
		fmt.Fprintf(&s, "\npropose-halt %s  (%s) — enact with: dos halt --handle %s --lane %s", p.Lane, p.Reason, handle, p.Lane)
	}
	if e := b.Enacted; e != nil {
		for _, r := range e.Reaped {
			if r.Seq > 0 {
				fmt.Fprintf(&s, "\nreaped %s  (SCAVENGE seq %d)", r.Lane, r.Seq)
			} else {
				fmt.Fprintf(&s, "\nreaped %s  (SCAVENGE recorded)", r.Lane)
			}
		}
		for _, r := range e.Spawned {
			fmt.Fprintf(&s, "\nspawned %s  run %s, pid %d", r.Lane, r.RunID, r.PID)
		}
		for _, r := range e.Refused {
			fmt.Fprintf(&s, "\nnot enacted %s %s  (%s)", strings.ToLower(r.Disposition), r.Lane, r.Reason)
		}
	}
	return s.String()
}
