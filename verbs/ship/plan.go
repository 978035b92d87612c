package ship

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/plandoc"
	"github.com/dispatchos/dos/truth"
)

// PlanArgs are the arguments of plan.
type PlanArgs struct {
	Pairs   []string `name:"phases" pos:"rest" help:"explicit <plan> <phase> pairs instead of the plan docs"`
	Ref     string   `name:"ref" default:"HEAD" help:"verify against the history reachable from this ref"`
	NoIndex bool     `name:"no-index" help:"walk the history without reading or writing the index cache"`
	NoCI    bool     `name:"no-ci" help:"skip the binding rungs ([verify] exec_cmd, prefer_artifact_rung)"`
}

// PlanPhase is one row of the plan board.
type PlanPhase struct {
	Plan          string `json:"plan"`
	Phase         string `json:"phase"`
	DocPath       string `json:"doc_path"`
	ClaimedStatus string `json:"claimed_status"`
	OracleShipped bool   `json:"oracle_shipped"`
	OracleSource  string `json:"oracle_source"`
	OracleRung    string `json:"oracle_rung,omitempty"`
	OracleSHA     string `json:"oracle_sha"`
	Divergence    string `json:"divergence"`
	IsDivergent   bool   `json:"is_divergent"`
	Lane          string `json:"lane"`
	LaneChip      string `json:"lane_chip"`
	DecisionRef   string `json:"decision_ref"`
}

// PlanSummary counts the board.
type PlanSummary struct {
	Phases     int `json:"phases"`
	Shipped    int `json:"shipped"`
	Divergent  int `json:"divergent"`
	OverClaims int `json:"over_claims"`
	InFlight   int `json:"in_flight"`
	// Gated counts rows waiting on an open operator decision (a
	// decision_ref), as the reference's field of that name does.
	Gated int `json:"gated"`
	// Blocked counts rows the plan itself marks BLOCKED, SOAK, AWAITING,
	// GATED or DEFERRED (claimed_status "blocked").
	Blocked int `json:"blocked"`
}

// PlanBoard is the plan --json frame.
type PlanBoard struct {
	Workspace      string      `json:"workspace"`
	Now            string      `json:"now"`
	PlanSource     string      `json:"plan_source"`
	Initialized    bool        `json:"initialized"`
	Phases         []PlanPhase `json:"phases"`
	DuplicatePlans []any       `json:"duplicate_plans"`
	Summary        PlanSummary `json:"summary"`
}

// Plan verifies every phase the plan docs declare, with one history scan.
var Plan = call.Def{
	Path:  "plan",
	Use:   "[<plan> <phase>]...",
	Short: "Verify every phase of the plan docs and show where claims diverge",
	Long: `USE THIS WHEN: you want the state of a whole plan at once: which phases
shipped according to git, and where the plan's own words (SHIPPED, BLOCKED)
disagree with that.

plan reads the plan docs matched by [paths] plans_glob (docs/**/*-plan.md by
default), harvests their phases ("## 1. AUTH AUTH1 — login" headings and
"- **AUTH1.1 — x**" bullets) and verifies each through the same code path as
'dos verify', scanning history once for all of them. Explicit <plan> <phase>
pairs replace the docs (a plan word left without its phase is a usage error,
exit 2). Divergence per row:
  ✓shipped      git and the plan agree it shipped
  ⚠over-claim   the plan says SHIPPED, git has no evidence
  ✓under-claim  git shows it shipped, the plan does not say so yet
  ·pending      neither says shipped
The summary counts "blocked" phases (the plan marks them BLOCKED, SOAK,
AWAITING, GATED or DEFERRED) apart from "gated" ones (waiting on an open
operator decision, as the reference counts them).
The board is data (always --json today); plan never writes anything and
exits 0. Like verify, it runs [verify] exec_cmd when one is set (once for the
whole board); --no-ci skips it.`,
	Example:     "  dos plan --json\n  dos plan AUTH AUTH1 AUTH AUTH2 --json",
	Toolset:     call.Ops,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	RunsCommand: verifyRunsCommand,
	Handler: &call.Typed[PlanArgs, PlanBoard]{Fn: func(ctx context.Context, env *call.Env, a *PlanArgs) (*call.Reply[PlanBoard], error) {
		t, err := openTruth(ctx, env, truth.Options{Ref: a.Ref, NoIndex: a.NoIndex, NoCI: a.NoCI, Log: env.DebugLog()})
		if err != nil {
			return nil, err
		}
		ws := t.Workspace()
		board := PlanBoard{Workspace: ws.StateRoot, Now: env.Now().UTC().Format(time.RFC3339),
			PlanSource: "markdown", Initialized: ws.Config.Declared, Phases: []PlanPhase{}, DuplicatePlans: []any{}}
		var rows []PlanPhase
		if len(a.Pairs) > 0 {
			board.PlanSource = "explicit"
			if len(a.Pairs)%2 != 0 {
				return nil, &call.UsageError{Msg: fmt.Sprintf("plan takes <plan> <phase> pairs; %q has no phase", a.Pairs[len(a.Pairs)-1]),
					Hints: []string{"name the phase too: dos plan " + a.Pairs[len(a.Pairs)-1] + " <phase>", "or run dos plan alone to read the plan docs"}}
			}
			for i := 0; i < len(a.Pairs); i += 2 {
				for _, w := range a.Pairs[i : i+2] {
					if strings.TrimSpace(w) == "" || strings.ContainsFunc(w, unicode.IsControl) {
						return nil, &call.UsageError{Msg: fmt.Sprintf("plan and phase must be non-empty printable text, got %q", w)}
					}
				}
				rows = append(rows, PlanPhase{Plan: a.Pairs[i], Phase: a.Pairs[i+1]})
			}
		} else {
			docs, err := ws.PlanFiles()
			if err != nil {
				return nil, fmt.Errorf("find plan docs: %w", err)
			}
			for _, rel := range docs {
				b, err := os.ReadFile(filepath.Join(ws.StateRoot, filepath.FromSlash(rel)))
				if err != nil {
					continue // a doc that vanished or cannot be read declares nothing
				}
				for _, r := range plandoc.Parse(strings.ToValidUTF8(string(b), "\uFFFD")) {
					rows = append(rows, PlanPhase{Plan: r.Plan, Phase: r.Phase, DocPath: rel, ClaimedStatus: r.Claimed})
				}
			}
		}
		for _, r := range rows {
			if r.Phase != "" {
				v, err := t.Verify(ctx, r.Plan, r.Phase)
				if err != nil {
					return nil, truthError(err)
				}
				r.OracleShipped, r.OracleSource, r.OracleSHA, r.OracleRung = v.Shipped, v.Source, v.SHA, v.Rung
			} else {
				r.OracleSource = "none"
			}
			r.Divergence = plandoc.Divergence(r.ClaimedStatus, r.OracleShipped)
			r.IsDivergent = r.Divergence == "⚠over-claim" || r.Divergence == "✓under-claim"
			s := &board.Summary
			s.Phases++
			if r.OracleShipped {
				s.Shipped++
			}
			if r.IsDivergent {
				s.Divergent++
			}
			if r.Divergence == "⚠over-claim" {
				s.OverClaims++
			}
			if r.DecisionRef != "" {
				s.Gated++
			}
			if r.ClaimedStatus == "blocked" {
				s.Blocked++
			}
			r.Plan, r.Phase = oracle.Echo(r.Plan), oracle.Echo(r.Phase) // matched whole, printed capped
			board.Phases = append(board.Phases, r)
		}
		text := fmt.Sprintf("%d phase(s): %d shipped, %d divergent (%d over-claim)",
			board.Summary.Phases, board.Summary.Shipped, board.Summary.Divergent, board.Summary.OverClaims)
		return &call.Reply[PlanBoard]{Text: text, Body: board}, nil
	}},
}
