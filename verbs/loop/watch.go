package loop

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/livefold"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/verbs/lanes"
	loopruns "github.com/dispatchos/dos/verbs/runs"
	"github.com/dispatchos/dos/workspace"
)

// WatchArgs are the inputs of watch.
type WatchArgs struct {
	Track       []string `name:"track" help:"a run to watch: run_id[:start_sha[:lane[:loop_ts[:handle]]]] (repeatable)"`
	Discover    bool     `name:"discover" help:"also watch the run of every live lease (its run id, else its loop stamp; its pid as the handle)"`
	BudgetMS    string   `name:"budget-ms" help:"a STALLED run younger than this is left alone, in milliseconds (default: [liveness] grace_ms; 0: halt at once)"`
	Command     string   `name:"command" help:"the stop command recorded on each HALT (recorded, never run)"`
	ReproposeMS int64    `name:"repropose-ms" default:"1800000" help:"do not propose a halt for a run again within this many milliseconds"`
	Watch       bool     `name:"watch" mcp:"-" help:"watch again every --interval seconds until interrupted"`
	Interval    float64  `name:"interval" mcp:"-" default:"300" help:"seconds between ticks with --watch or --max-ticks"`
	MaxTicks    int64    `name:"max-ticks" mcp:"-" help:"watch this many ticks, then stop"`
	NowMS       int64    `name:"now-ms" help:"judge at this time (epoch milliseconds) instead of the clock, on every tick"`
	Wait        float64  `name:"wait" default:"5" help:"seconds to wait for the journal lock when recording a HALT"`
}

// WatchResult is one tick of the watchdog.
type WatchResult struct {
	Advancing           []string          `json:"advancing"`
	ProposedHalts       []string          `json:"proposed_halts"`
	Skipped             []string          `json:"skipped"`
	Spinning            []string          `json:"spinning"`
	StalledWithinBudget []string          `json:"stalled_within_budget"`
	Verdicts            map[string]string `json:"verdicts"`
	Watched             int               `json:"watched"`
	// Reason is set on LOCK_BUSY: why the fleet's lease store was not
	// read or written.
	Reason string `json:"reason,omitempty"`
	halts  []haltLine
}

// haltLine is one proposal as the text form shows it.
type haltLine struct{ run, verdict, command string }

// Watch is the watchdog: it judges named runs and records HALT proposals.
var Watch = call.Def{
	Path:  "watch",
	Short: "Watch runs and record a HALT proposal for each stuck one",
	Long: `USE THIS WHEN: runs work unattended and you want each one that stops moving to
be put on record for a stop, by a process other than the run itself.

watch judges each tracked run as dos liveness does (commits since its start
sha, its lease's journal heartbeats and events when --track names its lane and
loop stamp) and acts:

  ADVANCING  counted; any earlier proposal for it is forgotten
  SPINNING   a HALT is proposed
  STALLED    a HALT is proposed once the run is --budget-ms old (default:
             [liveness] grace_ms); younger, it is listed as
             stalled-within-budget

A proposal is a HALT record in the lane journal (dos halt: owner watchdog, the
reason, --command if given). It signals nothing and frees no lane: the
supervisor of the run acts on it. A run is not proposed again within
--repropose-ms, counting the watchdog HALTs already in the journal, so a
watchdog run from cron does not repeat itself every tick.

--track run_id[:start_sha[:lane[:loop_ts[:handle]]]] names a run (repeatable;
a start sha that does not resolve or is not an ancestor of HEAD is exit 2);
--discover adds the run of every live lease. One tick by default; --max-ticks N
or --watch (every --interval seconds, default 300, until interrupted). Exit 0
after running, 2 on bad input.

On an etcd fleet ([fleet] in dos.toml) the live leases, heartbeats and earlier
HALTs are read from the cluster and each HALT is an event there, never a line
under .dos/. A cluster that does not answer is LOCK_BUSY (exit 4): the tick
stops, listing the proposals it recorded before.

Where dos differs from the Python reference: the re-propose window survives
between processes (it reads the journal's HALTs), the budget defaults to the
grace window, a young run with no heartbeat yet is not STALLED, and an empty
--discover is an empty report, not an error.`,
	Example: `  $ dos watch --track RID-01KCZ2M9W0ABCDEF::src:2026-01-01T09:00:00Z:4242
  WATCH 1 run(s): 0 advancing, 1 spinning, 1 halt proposed
    HALT proposed: RID-01KCZ2M9W0ABCDEF (SPINNING) — run: (no command — stop by hand)

  $ dos watch --discover --watch --interval 60 --command 'pkill -f worker'`,
	Toolset:         call.WriteSet,
	Class:           call.Write,
	Surfaces:        call.CLI | call.MCP,
	Verdicts:        []*call.Verdict{&lanes.LockBusy},
	OptionalVerdict: true,
	Handler: &call.Typed[WatchArgs, WatchResult]{Fn: func(ctx context.Context, env *call.Env, a *WatchArgs) (*call.Reply[WatchResult], error) {
		if len(a.Track) == 0 && !a.Discover {
			return nil, call.Usagef("name the runs to watch: --track RUN_ID[:START_SHA[:LANE[:LOOP_TS[:HANDLE]]]] (repeatable), or --discover")
		}
		var runs []tracked
		for _, s := range a.Track {
			t, err := parseTrack(s)
			if err != nil {
				return nil, err
			}
			runs = append(runs, t)
		}
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		budget := ws.Config.Liveness.GraceMS
		if a.BudgetMS != "" {
			n, err := strconv.ParseInt(strings.TrimSpace(a.BudgetMS), 10, 64)
			if err != nil || n < 0 {
				return nil, call.Usagef("--budget-ms wants zero or more milliseconds, got %q", a.BudgetMS)
			}
			budget = n
		}
		if a.ReproposeMS < 0 || a.Wait < 0 {
			return nil, call.Usagef("--repropose-ms and --wait must not be negative")
		}
		c, err := newCadence(a.Watch, a.MaxTicks, a.Interval)
		if err != nil {
			return nil, err
		}
		if err := checkStarts(ws, runs); err != nil {
			return nil, err
		}
		src, err := openSource(env, ws)
		if err != nil {
			return watchDown(WatchResult{}, err), nil
		}
		defer src.close()
		w := &watchdog{env: env, ws: ws, src: src, args: a, budget: budget,
			proposed: map[string]int64{}, forgot: map[string]int64{}}
		w.cfg = leaselane.FromWorkspace(ws, env.Getenv)
		w.cfg.Wait = time.Duration(a.Wait * float64(time.Second))
		return run(ctx, env, "watch", c, func(ctx context.Context, _ int64) (*call.Reply[WatchResult], error) {
			now := env.Now()
			if a.NowMS != 0 {
				now = time.UnixMilli(a.NowMS)
			}
			body, err := w.tick(ctx, now, runs)
			if store.Down(err) {
				return watchDown(body, err), nil
			}
			if err != nil {
				return nil, err
			}
			return &call.Reply[WatchResult]{Text: watchText(body), Body: body}, nil
		})
	}},
}

// watchDown is the LOCK_BUSY answer of a fleet store that did not answer:
// body holds the proposals recorded before it stopped (none when it was
// not read at all).
func watchDown(body WatchResult, err error) *call.Reply[WatchResult] {
	for _, l := range []*[]string{&body.Advancing, &body.ProposedHalts, &body.Skipped, &body.Spinning, &body.StalledWithinBudget} {
		if *l == nil {
			*l = []string{}
		}
	}
	if body.Verdicts == nil {
		body.Verdicts = map[string]string{}
	}
	body.Reason = unavailable(err)
	text := fmt.Sprintf("%s; %d HALT proposal(s) recorded before it stopped answering", body.Reason, len(body.ProposedHalts))
	if len(body.ProposedHalts) > 0 {
		text = watchText(body) + "\n" + text
	}
	return &call.Reply[WatchResult]{Verdict: lanes.LockBusy, Text: text, Body: body,
		Interpretation: "WAIT — the fleet's lease store did not answer; retry, or check it with dos doctor."}
}

// watchdog holds what persists between ticks.
type watchdog struct {
	env    *call.Env
	ws     *workspace.Workspace
	src    *source
	cfg    leaselane.Config
	args   *WatchArgs
	budget int64
	// proposed is when this process (or the journal) last proposed a halt
	// per run; forgot is when a run was last seen advancing.
	proposed, forgot map[string]int64
}

// tick judges every run once and records the proposals it warrants.
func (w *watchdog) tick(ctx context.Context, now time.Time, runs []tracked) (WatchResult, error) {
	nowMS := now.UnixMilli()
	res := WatchResult{Advancing: []string{}, ProposedHalts: []string{}, Skipped: []string{}, Spinning: []string{},
		StalledWithinBudget: []string{}, Verdicts: map[string]string{}}
	b, err := w.src.read(ctx, w.args.Discover)
	if err != nil {
		return res, err
	}
	if w.args.Discover {
		found, skipped := discover(b.live)
		res.Skipped = append(res.Skipped, skipped...)
		for _, f := range found {
			if !slices.ContainsFunc(runs, func(t tracked) bool { return t.RunID == f.RunID }) {
				runs = append(runs, f)
			}
		}
	}
	var qs []livefold.Query
	starts := map[string]int64{}
	for _, t := range runs {
		st, ok := runid.Parse(t.RunID)
		if !ok {
			continue
		}
		starts[t.RunID] = st.UnixMilli()
		if t.Lane != "" && t.LoopTS != "" {
			qs = append(qs, livefold.Query{ID: lease.Identity{LoopTS: t.LoopTS, Lane: t.Lane}, RunStartedMS: st.UnixMilli()})
		}
	}
	got, err := b.rungs(qs, nowMS)
	if err != nil {
		return res, err
	}
	facts, halts := got.Facts, got.LastHaltMS
	pol := liveness.Policy{GraceMS: w.ws.Config.Liveness.GraceMS, SpinMS: w.ws.Config.Liveness.SpinMS}
	for _, t := range runs {
		start, ok := starts[t.RunID]
		if !ok {
			res.Skipped = append(res.Skipped, t.RunID)
			continue
		}
		res.Watched++
		ev := liveness.Evidence{NowMS: nowMS, RunStartedMS: start}
		if t.StartSHA != "" {
			if n, err := loopruns.CommitsSince(w.ws, t.StartSHA); err == nil {
				ev.Commits = n
			}
		}
		if t.Lane != "" && t.LoopTS != "" {
			f := facts[lease.Identity{LoopTS: t.LoopTS, Lane: t.Lane}]
			ev.JournalEvents, ev.HeartbeatAgeMS = f.Events, f.HeartbeatAgeMS
		}
		d := liveness.Decide(ev, pol)
		res.Verdicts[t.RunID] = d.Verdict.String()
		watched := supervise.Watched{Verdict: d.Verdict, AgeMS: nowMS - start, BudgetMS: w.budget}
		if at, ok := w.lastProposal(t.RunID, halts[t.RunID]); ok {
			since := nowMS - at
			watched.SinceProposedMS = &since
		}
		switch d.Verdict {
		case liveness.Advancing:
			res.Advancing = append(res.Advancing, t.RunID)
		case liveness.Spinning:
			res.Spinning = append(res.Spinning, t.RunID)
		}
		switch supervise.Watch(watched, supervise.WatchPolicy{ReproposeMS: w.args.ReproposeMS}) {
		case supervise.Tally:
			delete(w.proposed, t.RunID)
			w.forgot[t.RunID] = nowMS
		case supervise.WithinBudget:
			res.StalledWithinBudget = append(res.StalledWithinBudget, t.RunID)
		case supervise.ProposeHaltNow:
			if err := w.halt(ctx, now, t, d.Verdict); store.Down(err) {
				return res, err
			} else if err != nil {
				w.env.Warn(fmt.Sprintf("dos: warning: could not record the HALT for %s: %v", t.RunID, err))
				continue
			}
			w.proposed[t.RunID] = nowMS
			res.ProposedHalts = append(res.ProposedHalts, t.RunID)
			res.halts = append(res.halts, haltLine{t.RunID, d.Verdict.String(), w.args.Command})
		}
	}
	return res, nil
}

// lastProposal is the newest halt proposal for run, from this process or
// from the journal (ignoring any before the run was last seen advancing).
func (w *watchdog) lastProposal(run string, fromJournal int64) (int64, bool) {
	at, ok := w.proposed[run]
	if fromJournal > at && fromJournal > w.forgot[run] {
		at, ok = fromJournal, true
	}
	return at, ok
}

// halt records the proposal as a HALT record.
func (w *watchdog) halt(ctx context.Context, now time.Time, t tracked, v liveness.Verdict) error {
	handle := t.Handle
	if handle == "" {
		handle = t.RunID
	}
	in := leaselane.HaltInput{
		Handle: handle, Lane: t.Lane, LoopTS: t.LoopTS, Owner: "watchdog", Reason: supervise.HaltReason(v),
		RunID: t.RunID, Command: w.args.Command,
	}
	if w.src.fleet != nil {
		_, err := leaselane.HaltIn(ctx, w.src.fleet, w.cfg.HostID, in)
		return err
	}
	_, err := leaselane.Halt(ctx, w.src.j, now, w.cfg, in)
	return err
}

// watchText is one tick as a person reads it.
func watchText(r WatchResult) string {
	var s strings.Builder
	fmt.Fprintf(&s, "WATCH %d run(s): %d advancing, %d spinning, %d halt proposed", r.Watched, len(r.Advancing), len(r.Spinning), len(r.ProposedHalts))
	for _, h := range r.halts {
		cmd := h.command
		if cmd == "" {
			cmd = "(no command — stop by hand)"
		}
		fmt.Fprintf(&s, "\n  HALT proposed: %s (%s) — run: %s", h.run, h.verdict, cmd)
	}
	for _, id := range r.StalledWithinBudget {
		fmt.Fprintf(&s, "\n  stalled-within-budget: %s (not yet halted)", id)
	}
	return s.String()
}
