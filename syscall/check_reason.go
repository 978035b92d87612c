package syscall

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/kernel/reasons"
)

// CheckReasonArgs names the token to check.
type CheckReasonArgs struct {
	ReasonClass string `name:"reason-class" pos:"0" required:"true" help:"the reason_class token to check"`
}

// CheckReason answers whether a token is in the workspace's registry.
var CheckReason = New(Def{
	Path:  "check-reason",
	Tool:  "dos_check_reason",
	Use:   "<token>",
	Short: "Check that a reason_class token is in this workspace's registry",
	Long: `May a refusal carry this reason_class? check-reason looks the token up in the
workspace's registry (the built-ins plus dos.toml's [reasons]), ignoring case and
surrounding space. A known token prints its category and whether it refuses or
is advisory only. An unknown token is UNCLASSIFIED: do not emit it; pick one
from dos reasons or declare it in dos.toml first.

Exit 0 KNOWN, 1 UNKNOWN, 2 no token given.`,
	Example:  "  dos check-reason SELF_MODIFY\n  dos check-reason lane_drained --json --explain",
	Toolset:  Admission,
	Class:    ReadOnly,
	Surfaces: CLI | MCP,
	Verdicts: []Verdict{{"KNOWN", 0}, {"UNKNOWN", 1}},
}, func(ctx context.Context, env *Env, a *CheckReasonArgs) (*Result, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	reg := reasonRegistry(env, ws)
	s, known := reg.Lookup(a.ReasonClass)
	data := map[string]any{"reason_class": a.ReasonClass, "known": known}
	res := &Result{Data: data}
	if !known {
		data["category"], data["refusal"] = reasons.Unclassified, true
		res.Verdict = "UNKNOWN"
		res.Text = fmt.Sprintf("UNKNOWN %s — UNCLASSIFIED: not in this workspace's reason registry", reasons.Key(a.ReasonClass))
		res.Interpretation = reasons.Interpret(false, true)
		return res, nil
	}
	see := s.SeeAlso
	if see == nil {
		see = []string{}
	}
	data["category"], data["refusal"], data["summary"], data["fix"], data["see_also"] = s.Category, s.Refusal, s.Summary, s.Fix, see
	kind := "refusal"
	if !s.Refusal {
		kind = "advisory-only"
	}
	res.Verdict = "KNOWN"
	res.Text = fmt.Sprintf("KNOWN %s (%s, %s) — %s", s.Token, s.Category, kind, s.Summary)
	res.Interpretation = reasons.Interpret(true, s.Refusal)
	return res, nil
})
