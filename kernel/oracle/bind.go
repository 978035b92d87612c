package oracle

import "fmt"

// The binding rungs' sources and rules.
const (
	SourceExecAttested = "exec-attested"
	RungExecRefuted    = "exec-refuted"
	RungPreferArtifact = "prefer-artifact"
	execPassedNote     = " `%s` exited 0 — acceptance check passed"
)

// Binding is what the checks outside git found: the configured acceptance
// command's exit code, and whether a ship resting only on a commit subject
// should be refused.
type Binding struct {
	// ExecConfigured says [verify] exec_cmd is set.
	ExecConfigured bool
	// ExecRan says the command ran to an exit code (not found, an
	// unparseable command line or a timeout is no signal).
	ExecRan bool
	// ExecCode is its exit code; ExecName its program name.
	ExecCode int
	ExecName string
	// PreferArtifact is [verify] prefer_artifact_rung.
	PreferArtifact bool
}

// Bind applies the binding rungs to a verdict. They never promote a
// NOT_SHIPPED. A passing acceptance command upgrades the source to
// exec-attested; a failing one refuses the ship (exec-refuted). Without an
// acceptance command, prefer_artifact_rung refuses a ship whose only
// evidence is a commit subject the agent wrote.
func Bind(v Verdict, b Binding) Verdict {
	if !v.Shipped {
		return v
	}
	switch {
	case b.ExecConfigured && b.ExecRan && b.ExecCode == 0:
		v.Source = SourceExecAttested
		v.Summary += fmt.Sprintf(execPassedNote, b.ExecName)
	case b.ExecConfigured && b.ExecRan:
		return demote(v, RungExecRefuted)
	case !b.ExecConfigured && b.PreferArtifact && v.Source == SourceGrepSubject:
		return demote(v, RungPreferArtifact)
	}
	return v
}
