package ship

import "github.com/dispatchos/dos/kernel/oracle"

// VerifyBody is verify's JSON answer: every key the reference writes
// (plan, phase, shipped, source, rung, sha, summary) plus demoted_sha, on
// every answer. A key with nothing to say is null rather than absent, so a
// consumer can read any of them without a presence test. The plan and phase
// are echoed through [oracle.Echo].
type VerifyBody struct {
	Plan    string `json:"plan"`
	Phase   string `json:"phase"`
	Shipped bool   `json:"shipped"`
	Source  string `json:"source"`
	// Rung is the grammar pass behind a ship, or the rule that refused one.
	Rung *string `json:"rung"`
	// SHA is the commit a ship rests on; null on a NOT_SHIPPED.
	SHA *string `json:"sha"`
	// Summary is the matched stamp line, kept on a NOT_SHIPPED that
	// refused it.
	Summary *string `json:"summary"`
	// DemotedSHA is the commit a demotion rule refused.
	DemotedSHA *string `json:"demoted_sha"`
}

// bodyOf is v as verify's JSON answer.
func bodyOf(v oracle.Verdict) VerifyBody {
	orNull := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return VerifyBody{Plan: oracle.Echo(v.Plan), Phase: oracle.Echo(v.Phase), Shipped: v.Shipped, Source: v.Source,
		Rung: orNull(v.Rung), SHA: orNull(v.SHA), Summary: orNull(v.Summary), DemotedSHA: orNull(v.DemotedSHA)}
}
