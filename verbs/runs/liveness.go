package runs

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/verbs/usagein"
)

// LivenessArgs are the inputs of liveness.
type LivenessArgs struct {
	RunID              string `name:"run-id" help:"the run (default: $CID_RUN_ID, then $DISPATCH_RUN_ID); its id carries its start time"`
	StartSHA           string `name:"start-sha" help:"HEAD when the run started: turns on the commit rung (must be an ancestor of HEAD)"`
	NowMS              string `name:"now-ms" help:"judge at this epoch-millisecond time (default: the clock)"`
	LastHeartbeatAgeMS string `name:"last-heartbeat-age-ms" help:"the heartbeat age in ms, overriding the lane journal's (0 included)"`
	Lane               string `name:"lane" help:"the run's lane: with --loop-ts, turns on the lane-journal rungs"`
	LoopTS             string `name:"loop-ts" help:"the loop stamp of the run's lease"`
	PID                int    `name:"pid" help:"probe this process (signal 0, sends nothing): a dead pid stalls a beating run"`
	HostID             string `name:"host-id" help:"the host --pid runs on; another host's pid is not probed"`
	NoProc             bool   `name:"no-proc" help:"do not probe --pid"`
	GraceMS            string `name:"grace-ms" help:"too young to judge below this age in ms (default: [liveness] grace_ms, 1800000)"`
	SpinMS             string `name:"spin-ms" help:"a heartbeat at most this old in ms is alive (default: [liveness] spin_ms, 900000)"`
	Strict             bool   `name:"strict" help:"the reference ladder: a run with no fresh heartbeat is STALLED however young"`
	UsageJSON          string `name:"usage-json" mcp:"-" help:"the run's provider usage record (a file, or - for standard input): its token total decorates a SPINNING reason"`
	Usage              string `name:"usage" cli:"-" help:"the run's provider usage record as JSON text (Claude Code, Codex or Gemini shapes)"`
}

// LivenessEvidence is what the ladder read, with the reference's keys.
type LivenessEvidence struct {
	CommitsSinceStart  int    `json:"commits_since_start"`
	JournalEventsSince int    `json:"journal_events_since"`
	LastHeartbeatAgeMS *int64 `json:"last_heartbeat_age_ms"`
	NowMS              int64  `json:"now_ms"`
	ProcessAlive       *bool  `json:"process_alive"`
	RunStartedMS       int64  `json:"run_started_ms"`
	TokensSpentSince   *int64 `json:"tokens_spent_since"`
}

// LivenessPolicy is the windows the ladder used.
type LivenessPolicy struct {
	GraceMS int64 `json:"grace_ms"`
	SpinMS  int64 `json:"spin_ms"`
	Strict  bool  `json:"strict"`
}

// LivenessResult is liveness's answer.
type LivenessResult struct {
	Evidence LivenessEvidence `json:"evidence"`
	Policy   LivenessPolicy   `json:"policy"`
	Reason   string           `json:"reason"`
	RunID    string           `json:"run_id"`
}

// NewLivenessEvidence renders the ladder's evidence with the JSON keys.
func NewLivenessEvidence(ev liveness.Evidence) LivenessEvidence {
	return LivenessEvidence{CommitsSinceStart: ev.Commits, JournalEventsSince: ev.JournalEvents,
		LastHeartbeatAgeMS: ev.HeartbeatAgeMS, NowMS: ev.NowMS, ProcessAlive: ev.Process.Alive(),
		RunStartedMS: ev.RunStartedMS, TokensSpentSince: ev.TokensSpent}
}

// Liveness answers whether a run is moving, idle or dead.
var Liveness = call.Def{
	Path:  "liveness",
	Short: "Is this run moving, alive but idle, or dead? From git, the lane journal and the clock",
	Long: `USE THIS WHEN: a run has been going for a while and you need to know whether
it is still making progress before you spend more on it or stop it.

liveness never asks the agent. It reads the commits since --start-sha, the lane
journal's records for the run's lease (--lane and --loop-ts), a heartbeat age,
and optionally whether --pid is still there, and answers (first match wins):

  ADVANCING (0)  one or more commits since the start, or progress at the lease
                 layer (a re-acquire, release or scavenge), or a run still too
                 young to judge
  SPINNING  (3)  a heartbeat no older than the spin window (15 min) and no
                 progress past the grace window (30 min)
  STALLED   (4)  no heartbeat fresh enough past the grace window, or a fresh
                 heartbeat from a process that is gone: dead or hung

The run's start time is decoded from its run id. Journal stamps more than a
second in the future are dropped, not clamped. It is advisory: it kills
nothing and writes nothing. On an etcd fleet ([fleet] in dos.toml) the lease
records are the cluster's events, the HEARTBEATs lease-lane heartbeat records
there included, so the heartbeat age is the same on both backends (a cluster
that does not answer is exit 2, naming its endpoints).

Where dos differs from the reference:
  - a run younger than its grace window is ADVANCING ("too young to judge")
    when it has no heartbeat yet or an old one, not STALLED from its first
    second; only a process probe that says the pid is gone stalls it that
    early (--strict restores the reference ladder)
  - dos.toml [liveness] grace_ms and spin_ms are read, and --grace-ms and
    --spin-ms override them; negative values are exit 2
  - a --start-sha that does not resolve, or is not an ancestor of HEAD, is
    exit 2 (the reference counted 0 commits and so read STALLED)
  - the lane journal is the one DISPATCH_LANE_JOURNAL_PATH names for every
    verb, readers and writers alike
  - --run-id defaults to $CID_RUN_ID`,
	Example: `  dos liveness --run-id RID-1KSR49200000C1S --start-sha "$START"
  dos liveness --run-id "$RID" --lane api --loop-ts "$LOOP" --pid 4242 --json
  dos liveness --run-id "$RID" --last-heartbeat-age-ms 60000 --now-ms 1780000900000`,
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Advancing, &Spinning, &Stalled, &LivenessUnknown},
	Handler: &call.Typed[LivenessArgs, LivenessResult]{Fn: func(ctx context.Context, env *call.Env, a *LivenessArgs) (*call.Reply[LivenessResult], error) {
		fr, err := newLivenessFrame(env, a.RunID, a.NowMS, a.LastHeartbeatAgeMS, a.GraceMS, a.SpinMS, a.Strict)
		if err != nil {
			return nil, err
		}
		id, ws, pol := fr.id, fr.ws, fr.pol
		spent, err := usagein.Read(env, a.UsageJSON, a.Usage)
		if err != nil {
			return nil, err
		}
		q := fr.q
		q.StartSHA, q.PID, q.HostID = a.StartSHA, a.PID, a.HostID
		q.Identity = lease.Identity{LoopTS: a.LoopTS, Lane: a.Lane}
		q.Probe = a.PID != 0 && !a.NoProc
		if spent != nil {
			total := spent.Total()
			q.TokensSpent = &total
		}
		ev, err := GatherLiveness(ctx, ws, env.Getenv, q)
		if err != nil {
			return nil, err
		}
		d := liveness.Decide(ev, pol)
		body := LivenessResult{Evidence: NewLivenessEvidence(ev), Reason: d.Reason, RunID: id,
			Policy: LivenessPolicy{GraceMS: pol.GraceMS, SpinMS: pol.SpinMS, Strict: pol.Strict}}
		v := verdictOf(d.Verdict)
		return &call.Reply[LivenessResult]{Verdict: v, Body: body, Text: v.Word() + "  " + d.Reason,
			Interpretation: interpretLiveness(d.Verdict)}, nil
	}},
}

// interpretLiveness is the one-line gloss of a liveness verdict.
func interpretLiveness(v liveness.Verdict) string {
	switch v {
	case liveness.Advancing:
		return "ADVANCING — the run is making progress (or is too young to judge); leave it be."
	case liveness.Spinning:
		return "SPINNING — the run is alive but has produced nothing; consider halting it (dos halt) before it burns more."
	case liveness.Stalled:
		return "STALLED — the run is dead or hung; reap its lease and resume it from its ledger (dos resume)."
	}
	return fmt.Sprintf("unknown liveness verdict %v", v)
}
