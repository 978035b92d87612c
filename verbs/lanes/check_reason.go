package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/reasons"
)

// CheckReasonArgs names the token to check.
type CheckReasonArgs struct {
	ReasonClass string `name:"reason-class" pos:"0" required:"true" help:"the reason_class token to check"`
}

// CheckReasonResult is check-reason's answer. An unknown token has only
// reason_class, known, category (UNCLASSIFIED) and refusal (true); a known
// one adds summary, fix and see_also.
type CheckReasonResult struct {
	ReasonClass string           `json:"reason_class"`
	Known       bool             `json:"known"`
	Category    reasons.Category `json:"category"`
	Refusal     bool             `json:"refusal"`
	*ReasonDetail
}

// OutputSchema marks the known-only keys optional.
func (CheckReasonResult) OutputShape() call.Shape {
	return shapeOptional[CheckReasonResult]("summary", "fix", "see_also")
}

// ReasonDetail is what the registry says of a known reason_class.
type ReasonDetail struct {
	Summary string   `json:"summary"`
	Fix     string   `json:"fix"`
	SeeAlso []string `json:"see_also"`
}

// CheckReason answers whether a token is in the workspace's registry.
var CheckReason = call.Def{
	Path:  "check-reason",
	Tool:  "dos_check_reason",
	Use:   "<token>",
	Short: "Check that a reason_class token is in this workspace's registry",
	Long: `USE THIS WHEN: an agent is about to refuse or park work with a reason_class
token and you need to know the token is in this workspace's vocabulary.

May a refusal carry this reason_class? check-reason looks the token up in the
workspace's registry (the built-ins plus dos.toml's [reasons]), ignoring case and
surrounding space. A known token prints its category and whether it refuses or
is advisory only. An unknown token is UNCLASSIFIED: do not emit it; pick one
from dos reasons or declare it in dos.toml first.

Exit 0 KNOWN, 1 UNKNOWN, 2 no token given.`,
	Example:  "  dos check-reason SELF_MODIFY\n  dos check-reason lane_drained --json --explain",
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Known, &Unknown},
	Handler: &call.Typed[CheckReasonArgs, CheckReasonResult]{Fn: func(ctx context.Context, env *call.Env, a *CheckReasonArgs) (*call.Reply[CheckReasonResult], error) {
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		reg := reasonRegistry(env, ws)
		s, known := reg.Lookup(a.ReasonClass)
		if !known {
			return &call.Reply[CheckReasonResult]{
				Verdict:        Unknown,
				Body:           CheckReasonResult{ReasonClass: a.ReasonClass, Known: false, Category: reasons.Unclassified, Refusal: true},
				Text:           fmt.Sprintf("UNKNOWN %s — UNCLASSIFIED: not in this workspace's reason registry", reasons.Key(a.ReasonClass)),
				Interpretation: reasons.Interpret(false, true),
			}, nil
		}
		see := s.SeeAlso
		if see == nil {
			see = []string{}
		}
		kind := "refusal"
		if !s.Refusal {
			kind = "advisory-only"
		}
		return &call.Reply[CheckReasonResult]{
			Verdict: Known,
			Body: CheckReasonResult{ReasonClass: a.ReasonClass, Known: true, Category: s.Category, Refusal: s.Refusal,
				ReasonDetail: &ReasonDetail{Summary: s.Summary, Fix: s.Fix, SeeAlso: see}},
			Text:           fmt.Sprintf("KNOWN %s (%s, %s) — %s", s.Token, s.Category, kind, s.Summary),
			Interpretation: reasons.Interpret(true, s.Refusal),
		}, nil
	}},
}
