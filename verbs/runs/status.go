package runs

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/state/store/backend"
)

// StatusArgs are the inputs of status.
type StatusArgs struct {
	Run                string `name:"run" pos:"0" help:"the run id (or --run-id)"`
	RunID              string `name:"run-id" help:"the run id, as a flag (default: $CID_RUN_ID)"`
	StartSHA           string `name:"start-sha" help:"HEAD when the run started (default: the ledger's INTENT start_sha)"`
	NowMS              string `name:"now-ms" help:"judge at this epoch-millisecond time (default: the clock)"`
	LastHeartbeatAgeMS string `name:"last-heartbeat-age-ms" help:"the heartbeat age in ms, overriding the lane journal's"`
	Lane               string `name:"lane" help:"the run's lane (default: the lane of the run's live lease)"`
	LoopTS             string `name:"loop-ts" help:"the loop stamp of the run's lease (default: the live lease's)"`
	Stopped            bool   `name:"stopped" help:"treat the run as stopped: compute its resume verdict"`
	Live               bool   `name:"live" help:"treat the run as live: no resume verdict (wins over --stopped)"`
}

// StatusLiveness is the liveness part of the digest.
type StatusLiveness struct {
	Evidence LivenessEvidence `json:"evidence"`
	Reason   string           `json:"reason"`
	Verdict  string           `json:"verdict"`
}

// StatusProgress counts declared steps that git backs now.
type StatusProgress struct {
	DeclaredCount int      `json:"declared_count"`
	VerifiedCount int      `json:"verified_count"`
	VerifiedSteps []string `json:"verified_steps"`
}

// StatusResult is status's digest. It has no "claimed" key: the digest
// never shows a run's self-reports.
type StatusResult struct {
	Liveness StatusLiveness `json:"liveness"`
	Progress StatusProgress `json:"progress"`
	Region   []string       `json:"region"`
	Resume   *ResumeResult  `json:"resume"`
	RunID    string         `json:"run_id"`
	Schema   int            `json:"schema"`
	Stopped  bool           `json:"stopped"`
}

// Status folds liveness, verified progress, the held region and, once the
// run has stopped, its resume verdict.
var Status = call.Def{
	Path:  "status",
	Use:   "[<run-id>]",
	Short: "One digest of a run: liveness, verified progress, held region, resume verdict",
	Long: `USE THIS WHEN: you want one line on a run (is it moving, how much of what it
declared is really done, what does it hold) without reading four surfaces.

status folds:
  liveness   as 'dos liveness' (the commits since the ledger's start sha, the
             journal rungs of the run's live lease); no process probe
  progress   V/D: declared steps whose commit git backs now, re-checked on
             every call through the verify path (never the run's own word)
  region     the tree of the run's live lease (its run_id is this run)
  resume     once the run has stopped (suspended, STALLED, or --stopped), the
             resume verdict; --live suppresses it

The exit code is the liveness verdict's: ADVANCING 0, SPINNING 3, STALLED 4.
It reads only; it never records a resume proposal. On an etcd fleet ([fleet]
in dos.toml) the lease and its records are read from the cluster, and a
cluster that does not answer is exit 2, naming its endpoints.

Where dos differs from the reference: progress counts the steps git backs now
(the reference counted stored STEP_VERIFIED records, which the run writes);
the run id may be given positionally or as --run-id; without --lane and
--loop-ts the journal rungs use the run's own live lease.`,
	Example:  "  dos status RID-1KSR49200000C1S\n  dos status --run-id \"$RID\" --json\n  dos status \"$RID\" --stopped",
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Advancing, &Spinning, &Stalled, &LivenessUnknown},
	Handler: &call.Typed[StatusArgs, StatusResult]{Fn: func(ctx context.Context, env *call.Env, a *StatusArgs) (*call.Reply[StatusResult], error) {
		given, err := pickRunID(a.Run, a.RunID)
		if err != nil {
			return nil, err
		}
		fr, err := newLivenessFrame(env, given, a.NowMS, a.LastHeartbeatAgeMS, "", "", false)
		if err != nil {
			return nil, err
		}
		id, ws, pol, now := fr.id, fr.ws, fr.pol, fr.q.NowMS
		f, err := foldRun(ctx, ws, id)
		if err != nil {
			return nil, err
		}
		st := f.read.State

		// Region and, by default, the journal identity: the run's live lease.
		var mine *lease.Lease
		live, err := liveLeases(ctx, ws, env.Getenv, now)
		if err != nil && backend.Shared(ws.Config.Fleet) {
			return nil, err
		}
		if err == nil {
			for i := range live {
				if live[i].RunID == id {
					mine = &live[i]
					break
				}
			}
		}
		ident := lease.Identity{Lane: a.Lane, LoopTS: a.LoopTS}
		region := []string{}
		if mine != nil {
			region = append(region, mine.Tree...)
			if ident.Lane == "" && ident.LoopTS == "" {
				ident = mine.ID()
			}
		}

		q := fr.q
		q.Identity = ident
		start := a.StartSHA
		if start == "" && st.StartSHA != "" && f.git.InHistory(st.StartSHA) {
			start = st.StartSHA // a ledger start sha off this history gives no commit rung
		}
		q.StartSHA = start
		ev, err := GatherLiveness(ctx, ws, env.Getenv, q)
		if err != nil {
			return nil, err
		}
		d := liveness.Decide(ev, pol)

		body := StatusResult{RunID: id, Schema: 1, Region: region,
			Liveness: StatusLiveness{Evidence: NewLivenessEvidence(ev), Reason: d.Reason, Verdict: d.Verdict.String()}}
		body.Progress = StatusProgress{DeclaredCount: len(st.DeclaredSteps), VerifiedSteps: []string{}}
		for _, s := range f.steps {
			if s.Declared && s.Done {
				body.Progress.VerifiedSteps = append(body.Progress.VerifiedSteps, s.ID)
			}
		}
		body.Progress.VerifiedCount = len(body.Progress.VerifiedSteps)

		stopped := st.Suspended || d.Verdict == liveness.Stalled
		if a.Stopped {
			stopped = true
		}
		if a.Live {
			stopped = false
		}
		body.Stopped = stopped
		if stopped && st.HasIntent() {
			r := newResumeResult(id, f.plan(false))
			body.Resume = &r
		}

		var b strings.Builder
		v := verdictOf(d.Verdict)
		fmt.Fprintf(&b, "%s  %s\n", v.Word(), d.Reason)
		fmt.Fprintf(&b, "  progress     : %d/%d verified", body.Progress.VerifiedCount, body.Progress.DeclaredCount)
		if len(body.Progress.VerifiedSteps) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(body.Progress.VerifiedSteps, ", "))
		}
		b.WriteString("\n  region       : ")
		if len(region) > 0 {
			b.WriteString(strings.Join(region, ", "))
		} else {
			b.WriteString("(no lease)")
		}
		switch {
		case body.Resume != nil:
			fmt.Fprintf(&b, "\n  resume       : %s  %s", body.Resume.Verdict, body.Resume.Reason)
			if len(body.Resume.Residual) > 0 {
				fmt.Fprintf(&b, "\n  residual     : %s", strings.Join(body.Resume.Residual, ", "))
			}
		case !stopped:
			b.WriteString("\n  resume       : (live — a resume verdict is a stopped-run question)")
		default:
			b.WriteString("\n  resume       : (stopped, but no declared intent to resume)")
		}
		return &call.Reply[StatusResult]{Verdict: v, Body: body, Text: b.String(),
			Interpretation: interpretLiveness(d.Verdict) + fmt.Sprintf(" %d of %d declared steps are backed by git.", body.Progress.VerifiedCount, body.Progress.DeclaredCount)}, nil
	}},
}
