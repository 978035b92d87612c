package runs

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	kl "github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/state/ledger"
	"github.com/dispatchos/dos/workspace"
)

// IntentDeclareArgs are the inputs of intent declare.
type IntentDeclareArgs struct {
	RunID    string   `name:"run-id" help:"the run (default: $CID_RUN_ID, then $DISPATCH_RUN_ID)"`
	Goal     string   `name:"goal" required:"true" help:"what the run sets out to do, in a line"`
	Plan     string   `name:"plan" help:"the plan it works on (AUTH, docs/77)"`
	Phase    string   `name:"phase" help:"the phase of that plan (AUTH1)"`
	StartSHA string   `name:"start-sha" help:"HEAD when the run started (default: HEAD now); must be an ancestor of HEAD"`
	Steps    []string `name:"step" help:"a step the run will take, in order: ID, or ID=GLOB,GLOB for the region its commit must touch (repeatable)"`
}

// IntentResult is the answer of the intent writers.
type IntentResult struct {
	// Op is the record written.
	Op     string `json:"op"`
	RunID  string `json:"run_id"`
	Ledger string `json:"ledger"`
	// Recorded is true when the record is on disk.
	Recorded bool `json:"recorded"`
	// StepID and SHA are the step and commit (intent claim, verify-step).
	StepID string `json:"step_id,omitempty"`
	SHA    string `json:"sha,omitempty"`
	// DeclaredSteps and StartSHA are what intent declare recorded.
	DeclaredSteps []string `json:"declared_steps,omitempty"`
	StartSHA      string   `json:"start_sha,omitempty"`
}

// IntentDeclare writes a run's INTENT record.
var IntentDeclare = call.Def{
	Path:  "intent declare",
	Short: "Record what a run sets out to do: its goal, start sha and steps",
	Long: `USE THIS WHEN: a run starts, so dos can later tell how far it got (status,
complete) and where to re-enter it (resume).

intent declare appends an INTENT record to the run's intent ledger,
<runs>/<run_id>/intent.jsonl (.dos/runs/ by default). Each --step declares one
step in order; ID=GLOB,GLOB also declares the region the step's commit must
touch. A later declare replaces the steps and clears a suspension.

The reference has no verb that writes INTENT (a host loop had to call its
library); dos records it from a shell script. The run id is checked before it
names a directory, and the start sha must be an ancestor of HEAD.

Exit 0 RECORDED; 2 bad input or a ledger that cannot be written.`,
	Example: `  RID=$(dos run-id mint worker | jq -r .run_id)
  dos intent declare --run-id "$RID" --goal "ship login" --plan AUTH --phase AUTH1 \
      --step s1=src/auth/** --step s2=docs/**`,
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Recorded},
	Handler: &call.Typed[IntentDeclareArgs, IntentResult]{Fn: func(ctx context.Context, env *call.Env, a *IntentDeclareArgs) (*call.Reply[IntentResult], error) {
		id, err := runID(env, a.RunID)
		if err != nil {
			return nil, err
		}
		steps, regions, err := parseSteps(a.Steps)
		if err != nil {
			return nil, err
		}
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		start, err := startSHA(ws, a.StartSHA)
		if err != nil {
			return nil, err
		}
		l, err := ledgerOf(ws, id)
		if err != nil {
			return nil, call.Usagef("%v", err)
		}
		_, _ = ws.EnsureDotDos()
		rec := &kl.Intent{Goal: a.Goal, Plan: a.Plan, Phase: a.Phase, StartSHA: start, DeclaredSteps: steps, StepRegions: regions}
		if err := l.Append(env.Now(), rec); err != nil {
			return nil, err
		}
		body := IntentResult{Op: kl.OpIntent, RunID: id, Ledger: l.Path, Recorded: true, DeclaredSteps: steps, StartSHA: start}
		text := fmt.Sprintf("RECORDED intent of %s: %q, %d step(s), start %s", id, a.Goal, len(steps), shortSHA(start))
		return &call.Reply[IntentResult]{Verdict: Recorded, Body: body, Text: text,
			Interpretation: "The run's intent is on record; status, complete and resume measure it against git from now on."}, nil
	}},
}

// parseSteps reads --step ID[=GLOB,GLOB] values.
func parseSteps(vals []string) ([]string, map[string][]string, error) {
	var ids []string
	regions := map[string][]string{}
	for _, v := range vals {
		id, globs, hasRegion := strings.Cut(v, "=")
		id = strings.TrimSpace(id)
		if id == "" {
			return nil, nil, call.Usagef("--step %q has no step id", v)
		}
		if slices.Contains(ids, id) {
			return nil, nil, call.Usagef("--step %s is declared twice", id)
		}
		ids = append(ids, id)
		if !hasRegion {
			continue
		}
		var gs []string
		for _, g := range strings.Split(globs, ",") {
			if g = strings.TrimSpace(g); g != "" {
				gs = append(gs, g)
			}
		}
		if len(gs) == 0 {
			return nil, nil, call.Usagef("--step %s= names no glob", id)
		}
		regions[id] = gs
	}
	if len(regions) == 0 {
		regions = nil
	}
	return ids, regions, nil
}

// startSHA is the start sha to record: the given one, checked to be an
// ancestor of HEAD, else HEAD itself ("" outside git or before the first
// commit).
func startSHA(ws *workspace.Workspace, given string) (string, error) {
	if given != "" {
		if _, err := CommitsSince(ws, given); err != nil {
			return "", err
		}
		full, _ := resolveCommit(ws, given)
		return full, nil
	}
	return headSHA(ws), nil
}

func shortSHA(sha string) string {
	if sha == "" {
		return "(none)"
	}
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// declaredRun resolves the run id (given, or from the environment), the
// workspace and the run's ledger, which must already hold a declaration.
func declaredRun(env *call.Env, given string) (*workspace.Workspace, string, *ledger.Ledger, *ledger.Read, error) {
	id, err := runID(env, given)
	if err != nil {
		return nil, "", nil, nil, err
	}
	ws, err := env.Workspace()
	if err != nil {
		return nil, "", nil, nil, err
	}
	l, rd, err := existingLedger(ws, id)
	if err != nil {
		return nil, "", nil, nil, err
	}
	return ws, id, l, rd, nil
}

// existingLedger is run id's ledger, which must already hold records: a
// claim or a suspension for a run that never declared anything is refused,
// so a mistyped id cannot start a stray ledger.
func existingLedger(ws *workspace.Workspace, id string) (*ledger.Ledger, *ledger.Read, error) {
	l, err := ledgerOf(ws, id)
	if err != nil {
		return nil, nil, call.Usagef("%v", err)
	}
	rd, err := l.Read()
	if err != nil {
		return nil, nil, err
	}
	if !rd.Exists {
		return nil, nil, &call.UsageError{Msg: fmt.Sprintf("run %s has no intent ledger (%s)", id, l.Path),
			Hints: []string{"declare the run first: dos intent declare --run-id " + id + " --goal ..."}}
	}
	return l, rd, nil
}
