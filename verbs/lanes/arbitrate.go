package lanes

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
)

// ArbitrateArgs are the inputs of arbitrate.
type ArbitrateArgs struct {
	Lane   string   `name:"lane" help:"the lane to ask for, by its exact name; empty lets the arbiter pick a free one"`
	Kind   string   `name:"kind" help:"cluster, keyword, global or an exclusive lane name (default: the lane's declared kind)"`
	Tree   []string `name:"tree" help:"globs the lane would write (repeatable; default: the lane's declared tree)"`
	Leases string   `name:"leases" help:"JSON array of live leases to decide against instead of the lane journal ('[]' is an empty board)"`
	Owner  string   `name:"owner" help:"your holder id: your own live leases never count against you"`
	Auto   bool     `name:"auto" help:"when the named lane is busy or refused, offer a free lane of the auto-pick ladder instead"`
	Exact  bool     `name:"exact" help:"never offer another lane (the default for a named lane; kept for scripts)"`
	Force  bool     `name:"force" help:"operator override: grant the named lane over any refusal but a live exclusive lane"`
	// ClassBudget overlays [[concurrency_class]] budgets.
	ClassBudget []string `name:"class-budget" help:"KIND=N: at most N live leases of that kind (repeatable; overlays [[concurrency_class]])"`
	// LiveLeases is the MCP name of --leases (the reference's argument).
	LiveLeases string `name:"live-leases" cli:"-" help:"JSON array of live leases to decide against instead of the lane journal ('[]' is an empty board)"`
}

// ArbitrateResult is arbitrate's answer: the arbiter's decision as it is.
type ArbitrateResult struct {
	admission.Decision
}

// Arbitrate is the pure admission decision: it reads the live leases and
// writes nothing.
var Arbitrate = call.Def{
	Path:  "arbitrate",
	Short: "Ask whether a lane may be taken now, without taking it",
	Long: `USE THIS WHEN: an agent is about to write files under a lane and you need to
know, before it starts, whether that would collide with work already running.

May an agent start writing this lane's tree now? arbitrate answers from the live
leases (the lane journal's, with expired leases left out, or --leases) and the
lane taxonomy in dos.toml, and writes nothing: to hold the lane, use
dos lease-lane acquire, which decides the same way and journals the grant.

A lane is granted when no live lease's tree shares a write prefix with its tree
([overlap] ratio_max = 0, the default; 0.3333 restores the reference's one-third
tolerance). An exclusive lane (global, or one listed under [lanes] exclusive)
runs alone: it needs an empty board and, while held, blocks everything.

A lane named with --lane is answered for that lane only: when it is busy (or
its tree collides) the answer is REFUSE, exit 1, with "free_lanes" listing the
lanes of its cluster that are free now. Unlike the reference, dos never hands
out a different lane unless asked: with --auto (or a bare --lane '') a free
lane of the auto-pick ladder is offered instead, with "auto_picked": true and
"lane" the lane offered. Lane names match exactly (the reference folded case).
An unknown lane is refused with UNKNOWN_LANE and the known lanes listed. A
--tree that leaves the repository (../x, an absolute path, a symbolic link
leading out) is bad input, exit 2. Every refusal carries a reason_class from
the refusal registry (dos reasons).

--class-budget KIND=N (and [[concurrency_class]] in dos.toml) caps the live
leases of one kind on every admit path: at the cap the refusal is
CLASS_BUDGET_EXHAUSTED, and 0 admits none.

Prints JSON (--json is accepted and changes nothing). Exit 0 ACQUIRE (the lane
is free for you), 1 REFUSE, 2 bad input or an unreadable lane journal.`,
	Example:     "  dos arbitrate --lane src\n  dos arbitrate --lane api --auto\n  dos arbitrate --lane hot --kind keyword --tree 'src/api/**'\n  dos arbitrate --lane api --leases '[{\"lane\":\"api\",\"lane_kind\":\"cluster\",\"tree\":[\"src/api/**\"]}]'",
	Toolset:     call.Core,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Acquire, &Refuse},
	Handler: &call.Typed[ArbitrateArgs, ArbitrateResult]{Fn: func(ctx context.Context, env *call.Env, a *ArbitrateArgs) (*call.Reply[ArbitrateResult], error) {
		for _, c := range [][2]string{{"lane", a.Lane}, {"owner", a.Owner}} {
			if err := printable(c[0], c[1], false); err != nil {
				return nil, err
			}
		}
		sh, err := openLanes(env, 0, false)
		if err != nil {
			return nil, err
		}
		if err := sh.checkKind(a.Kind); err != nil {
			return nil, err
		}
		pol := sh.cfg.Policy
		if pol.Budgets, err = classBudgets(pol.Budgets, a.ClassBudget); err != nil {
			return nil, err
		}
		if a.Leases == "" {
			a.Leases = a.LiveLeases
		}
		reqTree, err := sh.request(a.Lane, a.Tree, a.Auto, a.Exact)
		if err != nil {
			return nil, err
		}
		var live []lease.Lease
		if strings.TrimSpace(a.Leases) != "" {
			given, err := parseLeases(a.Leases)
			if err != nil {
				return nil, err
			}
			sh.resolveLeases(given)
			live, _ = sh.cfg.Expiry.Split(given, sh.now)
		} else if live, err = sh.live(ctx, env); err != nil {
			return nil, fmt.Errorf("cannot read the live leases (pass --leases to decide without them): %w", err)
		}
		req := admission.Request{Lane: a.Lane, Kind: a.Kind, Tree: reqTree, Owner: a.Owner, Auto: a.Auto, Exact: a.Exact, Force: a.Force}
		d := admission.Arbitrate(req, live, sh.cfg.Taxonomy, pol)
		res := &call.Reply[ArbitrateResult]{Body: ArbitrateResult{d}, Interpretation: admission.Interpret(d, false)}
		if d.Granted() {
			res.Verdict = Acquire
			res.Text = fmt.Sprintf("ACQUIRE lane '%s' (%s): %s", d.Lane, d.LaneKind, d.Reason)
		} else {
			res.Verdict = Refuse
			res.Text = fmt.Sprintf("REFUSE %s: %s", d.ReasonClass, d.Reason)
		}
		return res, nil
	}},
}

// classBudgets lays the --class-budget overlays (KIND=N, N a whole number
// of zero or more) over the [[concurrency_class]] budgets.
func classBudgets(declared map[string]int, flags []string) (map[string]int, error) {
	out := maps.Clone(declared)
	if out == nil {
		out = map[string]int{}
	}
	for _, f := range flags {
		k, v, ok := strings.Cut(f, "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || strings.TrimSpace(k) == "" || err != nil || n < 0 {
			return nil, call.Usagef("--class-budget wants KIND=N with N a whole number of zero or more, got %q", f)
		}
		out[strings.ToLower(strings.TrimSpace(k))] = n
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
