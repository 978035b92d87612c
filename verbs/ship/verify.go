package ship

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/truth"
	"github.com/dispatchos/dos/workspace"
)

// VerifyArgs are the arguments of verify.
type VerifyArgs struct {
	Plan    string `name:"plan" pos:"0" required:"true" help:"the plan or series id (AUTH, docs/77)"`
	Phase   string `name:"phase" pos:"1" required:"true" help:"the unit of work inside the plan (AUTH1, P3)"`
	Ref     string `name:"ref" default:"HEAD" help:"verify against the history reachable from this ref"`
	NoIndex bool   `name:"no-index" help:"walk the history without reading or writing the index cache"`
	NoCI    bool   `name:"no-ci" safe:"true" help:"skip the binding rungs ([verify] exec_cmd, prefer_artifact_rung)"`
}

// Verify answers whether (plan, phase) shipped, from git.
var Verify = call.Def{
	Path:  "verify",
	Use:   "<plan> <phase>",
	Short: "Did this unit of work ship? Answered from git, not from the agent",
	Long: `USE THIS WHEN: an agent says it finished a unit of work and you need to know
whether that is true before you accept it.

verify searches the whole history reachable from --ref (HEAD by default) for
evidence that <phase> of <plan> landed, and answers SHIPPED (exit 0) or
NOT_SHIPPED (exit 1). It needs no config: a commit whose subject starts with
"AUTH1:" or "AUTH: AUTH1" ships phase AUTH1 of plan AUTH.

Evidence is checked in this order:
  registry      a row in the run registry (dos.state.yaml) marked done counts
                only if its commit exists and is reachable from --ref; a row
                without a commit is the run's own word and never counts, and
                a row about another plan doc that reuses the plan id (by its
                doc_path, or the plan docs its commit edits) is skipped
  grep-subject  a stamped commit subject (this is forgeable: the agent wrote
                the subject; corroborate with 'dos commit-audit')

A stamp is refused, and an older one looked for, when:
  reverted      a later commit in the history reverts it, and that revert
                is not itself reverted (a chain counts by parity)
  empty-stamp   its diff is empty (or touches only [verify] ignore_paths);
                set [verify] allow_empty = true to accept such commits
  release-bump  it only touches release or ledger files (VERSION, changelog)
The NOT_SHIPPED line then names the rule: "(via empty-stamp)". A phase whose
soak is still in progress in the soak index is not done either (via soak).

Binding rungs, when dos.toml asks for them (--no-ci skips them):
  exec_cmd              [verify] exec_cmd = "make test" runs once in the work
                        tree: exit 0 upgrades the ship (via exec-attested),
                        any other exit refuses it (via exec-refuted)
  prefer_artifact_rung  refuses a ship that rests only on a commit subject
                        (via prefer-artifact)
verify writes nothing, but with exec_cmd set it is not side-effect free: it
runs that command, which can do anything the command does. Pass --no-ci to
read git alone.

A bare plan number that two plan docs share ("docs/317" with both
docs/317_a-plan.md and docs/317_b-plan.md) names no single plan: exit 2.

Unlike the Python reference, dos reads the whole history (no 4000-commit
window), checks registry rows against git, and refuses empty and reverted
stamps. A token index kept in the git directory makes repeated verifies
answer in milliseconds; it is rebuilt by itself when history changes.`,
	Example: `  # the stamp "AUTH1: ship the login endpoint" is in history
  $ dos verify AUTH AUTH1
  SHIPPED AUTH AUTH1 e62f74d (via grep-subject)

  # nothing backs AUTH2: exit 1
  $ dos verify AUTH AUTH2 || echo "not done"
  NOT_SHIPPED AUTH AUTH2 (via none)
  not done

  $ dos verify AUTH AUTH1 --json --explain`,
	Toolset:     call.Core,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP | call.Hook,
	Verdicts:    []*call.Verdict{&Shipped, &NotShipped},
	RunsCommand: verifyRunsCommand,
	Handler: &call.Typed[VerifyArgs, VerifyBody]{Fn: func(ctx context.Context, env *call.Env, a *VerifyArgs) (*call.Reply[VerifyBody], error) {
		t, err := openTruth(ctx, env, truth.Options{Ref: a.Ref, NoIndex: a.NoIndex, NoCI: a.NoCI, Log: env.DebugLog()})
		if err != nil {
			return nil, err
		}
		v, err := t.Verify(ctx, a.Plan, a.Phase)
		if err != nil {
			return nil, truthError(err)
		}
		if !v.Shipped && t.Shallow() {
			env.Warn("dos: warning: this is a shallow clone, so verify only sees the fetched history; run 'git fetch --unshallow' (or check out with full depth in CI) before trusting NOT_SHIPPED")
		}
		return VerdictResult(v), nil
	}},
}

// verifyRunsCommand is the RunsCommand rule of every verb that verifies
// through truth: the [verify] exec_cmd binding rung runs a command.
func verifyRunsCommand(ws *workspace.Workspace) bool { return ws.Config.Verify.RunsCommand() }

// VerdictResult renders an oracle verdict as verify's reply.
func VerdictResult(v oracle.Verdict) *call.Reply[VerifyBody] {
	return &call.Reply[VerifyBody]{Verdict: verdictOf(v.Shipped), Text: v.Line(), Body: bodyOf(v), Interpretation: InterpretVerify(v)}
}

// InterpretVerify is the one-line gloss of a verify verdict, shared by
// --explain and MCP.
func InterpretVerify(v oracle.Verdict) string {
	if v.Shipped {
		switch v.Source {
		case oracle.SourceRegistry:
			return "SHIPPED — it rests on a run-registry row marked done whose commit (" + v.SHA + ") is in this history. The row is the run's record; the commit is what git adds to it."
		case oracle.SourceGrepSubject:
			return "SHIPPED — it rests on commit " + v.SHA + ", whose subject names the phase and whose diff is real (not empty, not reverted, not only release files). The subject is the committer's own words: to corroborate the claim, check the diff with dos commit-audit " + v.SHA + " or set an acceptance command ([verify] exec_cmd)."
		case oracle.SourceExecAttested:
			return "SHIPPED — it rests on commit " + v.SHA + ", which names the phase, and on the acceptance command passing in this work tree."
		}
		return "SHIPPED — it rests on commit " + v.SHA + "."
	}
	switch v.Rung {
	case oracle.RungEmptyStamp:
		return "NOT shipped — the only stamp (" + v.DemotedSHA + ") is an empty commit: a claim with no change behind it. Treat the work as not done."
	case oracle.RungReverted:
		return "NOT shipped — the stamp (" + v.DemotedSHA + ") was reverted later in history. Treat the work as not done."
	case oracle.RungRegistryUnreachable:
		return "NOT shipped — the registry row names commit " + v.DemotedSHA + ", which is not in this history. Treat the work as not done."
	case oracle.RungReleaseBump:
		return "NOT shipped — the stamp (" + v.DemotedSHA + ") only touches release or ledger files. Treat the work as not done."
	case oracle.RungSoak:
		return "NOT shipped — the change (" + v.DemotedSHA + ") landed but its soak is still in progress. Treat the work as not done until the soak closes."
	case oracle.RungExecRefuted:
		return "NOT shipped — a commit claims it (" + v.DemotedSHA + "), but the acceptance command fails in this work tree. Treat the work as not done."
	case oracle.RungPreferArtifact:
		return "NOT shipped — only a commit subject backs it (" + v.DemotedSHA + "), and this workspace asks for more than the agent's own words."
	}
	return "NOT shipped — no evidence either way. Treat it as not done and do not accept a worker's claim without evidence."
}
