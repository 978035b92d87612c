package setup

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lint"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/workspace"
)

// LintArgs are the arguments of lint.
type LintArgs struct {
	Strict bool `name:"strict" help:"fail only on errors; warnings are printed but pass"`
}

// LintResult is the JSON body of lint.
type LintResult struct {
	Counts   map[string]int `json:"counts"`
	Findings []lint.Finding `json:"findings"`
}

// cleanLine is lint's answer when it finds nothing.
const cleanLine = "config clean — no dead policy in the lane taxonomy or reason registry"

// Lint checks dos.toml for policy that can never take effect.
var Lint = call.Def{
	Path:  "lint",
	Use:   "[--strict]",
	Short: "Check dos.toml for dead lanes, dangling names and rungs that do not exist",
	Long: `USE THIS WHEN: you edited dos.toml, or lanes and reasons behave oddly, and
want to know whether the configuration says what you think it says.

lint reads the folded configuration and reports policy that can never take
effect, one finding per line:

  [<severity>] <KIND> '<subject>': <detail> — <fix>

It checks the lane taxonomy (a concurrent or autopick lane without a tree,
a lane both concurrent and exclusive, autopick entries and alias targets
that name no lane, concurrent lanes whose trees overlap or where one lies
wholly inside another), the declared reasons (see_also naming an unknown
lane), the plans (two plan files under plans_glob starting with the same
number), names configured for rungs this build does not have ([verify]
non_git_oracle, [stamp] style, [overlap] policy, [plan] source),
top-level names dos does not know (a typo, mostly), lane trees that leave
the repository (../x, an absolute path, a symbolic link leading out) or go
through a link, and lane names that differ only in case (names match
exactly). Tables of the schema that this version accepts but does not read
yet are listed as info. A dos.toml that cannot be parsed (or is over 1 MiB
or 10,000 keys) and a table that cannot be read are errors: every other
verb warns once on stderr and runs on the defaults, lint fails.

Exit 0 when nothing gates ('pass'), 1 otherwise ('fail'): errors and
warnings gate by default, only errors with --strict; info never gates.`,
	Example: `  dos lint
  dos lint --strict
  dos lint --json`,
	Toolset:  call.Admission,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Pass, &Fail},
	Handler: &call.Typed[LintArgs, LintResult]{Fn: func(ctx context.Context, env *call.Env, a *LintArgs) (*call.Reply[LintResult], error) {
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		fs, err := lintFindings(ws)
		if err != nil {
			return nil, err
		}
		res := &call.Reply[LintResult]{
			Verdict:        Pass,
			Body:           LintResult{Counts: lint.Counts(fs), Findings: fs},
			Text:           cleanLine,
			Interpretation: "The configuration has no dead or contradictory policy that gates.",
		}
		if len(fs) > 0 {
			lines := make([]string, len(fs))
			for i, f := range fs {
				lines[i] = f.Line()
			}
			res.Text = strings.Join(lines, "\n")
		}
		if lint.Gating(fs, a.Strict) {
			c := lint.Counts(fs)
			res.Verdict = Fail
			res.Interpretation = fmt.Sprintf("The configuration has %d error(s) and %d warning(s); each line says what to change.", c["error"], c["warn"])
		}
		return res, nil
	}},
}

// lintFindings gathers lint's evidence from a workspace (the plan files by
// globbing plans_glob) and runs the pure checks.
func lintFindings(ws *workspace.Workspace) ([]lint.Finding, error) {
	c := ws.Config
	plans, err := ws.PlanFiles()
	if err != nil {
		return nil, err
	}
	var reasons []lint.Reason
	for _, tok := range slices.Sorted(maps.Keys(c.Reasons)) {
		reasons = append(reasons, lint.Reason{Token: tok, SeeAlso: c.Reasons[tok].SeeAlso})
	}
	resolved, outside := leaselane.ResolveTrees(ws, c.Lanes.Trees)
	problems := make([]lint.Problem, len(c.Problems))
	for i, p := range c.Problems {
		problems[i] = lint.Problem{Table: p.Table, Msg: p.Msg}
	}
	fs := lint.Check(lint.Input{
		Lanes: lint.Lanes{
			Concurrent: c.Lanes.Concurrent, Exclusive: c.Lanes.Exclusive, Autopick: c.Lanes.Autopick,
			Trees: c.Lanes.Trees, Aliases: c.Lanes.Aliases, Resolved: resolved, Outside: outside,
		},
		Problems:  problems,
		Reasons:   reasons,
		PlanFiles: plans,
		Rungs: lint.Rungs{
			StampStyle: c.Stamp.Style, OverlapPolicy: c.Overlap.Policy, PlanSource: c.Plan.Source,
			// No non-git oracle driver exists in this build yet.
			Oracle: c.Verify.NonGitOracle, KnownOracles: nil,
			ExecCmd: c.Verify.ExecCmd, PreferArtifact: c.Verify.PreferArtifactRung,
		},
		UnknownTables:    c.Unknown,
		KnownTables:      workspace.KnownTables(),
		RecognisedTables: c.Recognised,
	})
	if fs == nil {
		fs = []lint.Finding{}
	}
	return fs, nil
}
