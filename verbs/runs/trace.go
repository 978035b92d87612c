package runs

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/resume"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/state/ledger"
)

// TraceArgs are the inputs of trace.
type TraceArgs struct {
	Run   string `name:"run" pos:"0" help:"the run id (or --run-id)"`
	RunID string `name:"run-id" help:"the run id, as a flag (default: $CID_RUN_ID)"`
}

// TraceSpine is the run-id spine: run.json and the lineage around it.
type TraceSpine struct {
	RunJSON     *ledger.Spine `json:"run_json"`
	ParentID    *string       `json:"parent_id"`
	RootID      string        `json:"root_id"`
	ProcessID   string        `json:"process_id"`
	Ancestors   []string      `json:"ancestors"`
	Descendants []string      `json:"descendants"`
}

// TraceStep is one step of the intent, re-checked against git.
type TraceStep struct {
	StepID      string `json:"step_id"`
	State       string `json:"state"`
	ClaimedSHA  string `json:"claimed_sha"`
	VerifiedSHA string `json:"verified_sha"`
	VerifiedVia string `json:"verified_via"`
	// Declared says the INTENT declared the step; Rule says why git does
	// not back a recorded step ("" when it does or nothing is recorded).
	Declared bool   `json:"declared"`
	Rule     string `json:"rule"`
}

// TraceIntent is the intent ledger's part of the walk.
type TraceIntent struct {
	HasIntent       bool        `json:"has_intent"`
	Goal            string      `json:"goal"`
	Plan            string      `json:"plan"`
	Phase           string      `json:"phase"`
	StartSHA        string      `json:"start_sha"`
	Steps           []TraceStep `json:"steps"`
	Residual        []string    `json:"residual"`
	CorruptLines    int         `json:"corrupt_ledger_lines"`
	UnreadableNewer bool        `json:"unreadable_newer"`
}

// TraceEvent is one lane-journal record attributed to the run.
type TraceEvent struct {
	Op          string `json:"op"`
	Lane        string `json:"lane"`
	LoopTS      string `json:"loop_ts"`
	TS          string `json:"ts"`
	Reason      string `json:"reason"`
	ReasonClass string `json:"reason_class"`
	// AttributedBy says how: "entry.run_id" (the record names the run) or
	// "lease.run_id" (a record on a lease the run acquired).
	AttributedBy string `json:"attributed_by"`
}

// TraceWAL is the lane journal's part of the walk.
type TraceWAL struct {
	LeaseEvents []TraceEvent `json:"lease_events"`
	// UnattributedAcquires counts ACQUIREs that name no run at all; they
	// are never guessed to be this run's.
	UnattributedAcquires int `json:"unattributed_acquires"`
}

// TraceCommit is a commit since the run's start sha.
type TraceCommit struct {
	SHA     string `json:"sha"`
	Subject string `json:"subject"`
}

// TraceGit is git's part of the walk.
type TraceGit struct {
	Commits []TraceCommit `json:"commits"`
}

// TraceResult is trace's walk.
type TraceResult struct {
	RunID  string      `json:"run_id"`
	Found  bool        `json:"found"`
	Spine  TraceSpine  `json:"spine"`
	Intent TraceIntent `json:"intent"`
	WAL    TraceWAL    `json:"wal"`
	Git    TraceGit    `json:"git"`
}

// Trace walks every surface a run id links: spine, ledger, journal, git.
var Trace = call.Def{
	Path:  "trace",
	Use:   "[<run-id>]",
	Short: "Walk everything one run id links: its spine, intent ledger, lane journal and commits",
	Long: `USE THIS WHEN: you need the whole story of one run in one place: who spawned
it, what it declared, what git backs, which leases it took, what it committed.

trace joins, read-only:
  spine    <runs>/<run_id>/run.json and the lineage of every run.json
  intent   the ledger's goal and steps; a step reads VERIFIED only when git
           backs it now (re-checked on every call), CLAIMED when the run says
           so but git does not, PENDING when nothing is recorded
  lanes    journal records that name the run, and records on the leases it
           acquired; ACQUIREs that name no run are only counted (on an etcd
           fleet, the cluster's events; exit 2 naming its endpoints when it
           does not answer)
  commits  git log <start_sha>..HEAD

Exit 0 when any surface knows the run, 1 when none does.

Where dos differs from the reference: VERIFIED is re-checked against git (the
reference believed the stored record), and --output json is accepted as --json
is.`,
	Example:  "  dos trace RID-1KSR49200000C1S\n  dos trace --run-id \"$RID\" --json",
	Toolset:  call.Spine,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Found, &NotFound},
	Handler: &call.Typed[TraceArgs, TraceResult]{Fn: func(ctx context.Context, env *call.Env, a *TraceArgs) (*call.Reply[TraceResult], error) {
		given, err := pickRunID(a.Run, a.RunID)
		if err != nil {
			return nil, err
		}
		id, ws, f, err := openRun(ctx, env, given)
		if err != nil {
			return nil, err
		}
		body := TraceResult{RunID: id}
		if body.Spine, err = traceSpine(ws.Config.Paths.FanoutRuns, f.ledger.Dir, id); err != nil {
			return nil, err
		}
		body.Intent = traceIntent(f)
		if body.WAL, err = traceWAL(ctx, ws, env.Getenv, id); err != nil {
			return nil, err
		}
		if st := f.read.State.StartSHA; st != "" && f.git.InHistory(st) {
			cs, err := commitsSince(ws, st)
			if err != nil {
				return nil, err
			}
			body.Git.Commits = cs
		}
		if body.Git.Commits == nil {
			body.Git.Commits = []TraceCommit{}
		}
		recorded := false
		for _, s := range body.Intent.Steps {
			recorded = recorded || s.State != string(resume.Pending)
		}
		body.Found = body.Spine.RunJSON != nil || body.Intent.HasIntent || len(body.WAL.LeaseEvents) > 0 || recorded
		v := NotFound
		if body.Found {
			v = Found
		}
		return &call.Reply[TraceResult]{Verdict: v, Body: body, Text: traceText(body),
			Interpretation: traceGloss(body)}, nil
	}},
}

func traceSpine(runsDir, dir, id string) (TraceSpine, error) {
	sp := TraceSpine{RootID: id, Ancestors: []string{}, Descendants: []string{}}
	if s, ok := ledger.ReadSpine(dir); ok {
		sp.RunJSON, sp.ParentID, sp.ProcessID = &s, s.ParentID, s.ProcessID
		if s.RootID != "" {
			sp.RootID = s.RootID
		}
	}
	parents, err := ledger.Parents(runsDir)
	if err != nil {
		return sp, fmt.Errorf("read run directories: %w", err)
	}
	sp.Ancestors = runid.Ancestors(id, parents)
	sp.Descendants = runid.Descendants(id, parents)
	return sp, nil
}

func traceIntent(f *runFold) TraceIntent {
	st := f.read.State
	in := TraceIntent{HasIntent: st.HasIntent(), Goal: st.Goal, Plan: st.Plan, Phase: st.Phase, StartSHA: st.StartSHA,
		Steps: []TraceStep{}, Residual: []string{}, CorruptLines: st.CorruptLines, UnreadableNewer: st.UnreadableNewer}
	for _, s := range f.steps {
		in.Steps = append(in.Steps, TraceStep{StepID: s.ID, State: string(s.State), ClaimedSHA: s.ClaimedSHA,
			VerifiedSHA: s.VerifiedSHA, VerifiedVia: s.VerifiedVia, Declared: s.Declared, Rule: s.Rule})
		if s.State != resume.Verified {
			in.Residual = append(in.Residual, s.ID)
		}
	}
	return in
}

func traceText(r TraceResult) string {
	if !r.Found {
		return fmt.Sprintf("NOT_FOUND  no surface knows run %s: no run.json, no intent ledger, no journal record, no step on record", r.RunID)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# trace · %s\n## spine\n", r.RunID)
	if r.Spine.RunJSON == nil {
		b.WriteString("  run.json    : (none)\n")
	} else {
		fmt.Fprintf(&b, "  run.json    : present (process %s)\n", orNone(r.Spine.ProcessID))
	}
	parent := "(root)"
	if r.Spine.ParentID != nil {
		parent = *r.Spine.ParentID
	}
	fmt.Fprintf(&b, "  parent      : %s\n  root        : %s\n", parent, r.Spine.RootID)
	fmt.Fprintf(&b, "  ancestors   : %s\n  descendants : %s\n", list(r.Spine.Ancestors), list(r.Spine.Descendants))
	b.WriteString("## intent\n")
	if !r.Intent.HasIntent {
		b.WriteString("  (no declared intent)\n")
	} else {
		fmt.Fprintf(&b, "  goal        : %s\n", orNone(r.Intent.Goal))
		if r.Intent.Plan != "" || r.Intent.Phase != "" {
			fmt.Fprintf(&b, "  plan        : %s %s\n", r.Intent.Plan, r.Intent.Phase)
		}
		fmt.Fprintf(&b, "  start       : %s\n", shortSHA(r.Intent.StartSHA))
	}
	for _, s := range r.Intent.Steps {
		switch resume.State(s.State) {
		case resume.Verified:
			sha := s.VerifiedSHA
			if sha == "" {
				sha = s.ClaimedSHA
			}
			fmt.Fprintf(&b, "  OK  %s  %s (via %s)\n", s.StepID, shortSHA(sha), s.VerifiedVia)
		case resume.Claimed:
			sha := s.ClaimedSHA
			if sha == "" {
				sha = s.VerifiedSHA
			}
			fmt.Fprintf(&b, "  ??  %s  %s (not backed by git: %s)\n", s.StepID, shortSHA(sha), s.Rule)
		default:
			fmt.Fprintf(&b, "  ··· %s\n", s.StepID)
		}
	}
	if len(r.Intent.Residual) > 0 {
		fmt.Fprintf(&b, "  residual    : %s\n", strings.Join(r.Intent.Residual, ", "))
	}
	if r.Intent.CorruptLines > 0 {
		fmt.Fprintf(&b, "  (%d unreadable ledger lines)\n", r.Intent.CorruptLines)
	}
	b.WriteString("## lanes (WAL)\n")
	if len(r.WAL.LeaseEvents) == 0 {
		b.WriteString("  (no journal record names this run)\n")
	}
	for _, e := range r.WAL.LeaseEvents {
		fmt.Fprintf(&b, "  %-9s %s %s  %s", e.Op, e.Lane, e.LoopTS, e.TS)
		if e.Reason != "" {
			fmt.Fprintf(&b, "  %s", e.Reason)
		}
		b.WriteString("\n")
	}
	if r.WAL.UnattributedAcquires > 0 {
		fmt.Fprintf(&b, "  (%d ACQUIREs name no run: not attributed)\n", r.WAL.UnattributedAcquires)
	}
	b.WriteString("## commits since start\n")
	if len(r.Git.Commits) == 0 {
		b.WriteString("  (none)\n")
	}
	for i, c := range r.Git.Commits {
		if i == 20 {
			fmt.Fprintf(&b, "  (+%d more)\n", len(r.Git.Commits)-20)
			break
		}
		fmt.Fprintf(&b, "  %s %s\n", c.SHA, c.Subject)
	}
	return strings.TrimRight(b.String(), "\n")
}

func traceGloss(r TraceResult) string {
	if !r.Found {
		return "NOT FOUND — nothing dos keeps mentions this run id; check the id or the workspace."
	}
	v := 0
	for _, s := range r.Intent.Steps {
		if s.State == string(resume.Verified) {
			v++
		}
	}
	return fmt.Sprintf("FOUND — %d step(s) backed by git, %d residual, %d journal record(s), %d commit(s) since start.",
		v, len(r.Intent.Residual), len(r.WAL.LeaseEvents), len(r.Git.Commits))
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "(none)"
	}
	return strings.Join(xs, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
