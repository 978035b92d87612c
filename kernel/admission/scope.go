package admission

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/tree"
)

// Scope verdicts of the scope gate.
const (
	InScope     = "IN_SCOPE"
	ScopeCreep  = "SCOPE_CREEP"
	WrongTarget = "WRONG_TARGET"
)

// SharedInfra are the basenames the reference tolerated outside any
// lane's tree. They are tolerated only when the caller opts in.
var SharedInfra = []string{"config.py", "__init__.py", "settings.py", "constants.py", "cli.py",
	"conftest.py", "pyproject.toml", "setup.py", "setup.cfg"}

// ScopeEvidence is what the scope classifier looked at.
type ScopeEvidence struct {
	Lane         string   `json:"lane"`
	TouchedFiles []string `json:"touched_files"`
	LaneTree     []string `json:"lane_tree"`
}

// Scope classifies a footprint against a lane's tree.
type Scope struct {
	Verdict    string        `json:"verdict"`
	Reason     string        `json:"reason"`
	InScope    []string      `json:"in_scope_files"`
	OutOfScope []string      `json:"out_of_scope_files"`
	Evidence   ScopeEvidence `json:"evidence"`
}

// Gate is the binding answer of the scope gate: allowed iff IN_SCOPE.
type Gate struct {
	Allowed      bool     `json:"allowed"`
	Verdict      string   `json:"verdict"` // ALLOW or REFUSE
	Reason       string   `json:"reason"`
	RefusedFiles []string `json:"refused_files"`
	Scope        Scope    `json:"scope"`
}

// ClassifyScope decides whether the touched files stay inside laneTree.
// A file is inside when its normalized path starts with a normalized tree
// entry. Files whose base name is in tolerated are not counted against the
// lane. A path that leaves the repository is never inside. An empty footprint is in scope; a lane without a tree can certify
// nothing and is the wrong target for any file.
func ClassifyScope(lane string, laneTree, touched, tolerated []string) Scope {
	files := []string{}
	for _, f := range touched {
		f = strings.TrimSpace(strings.ReplaceAll(f, `\`, "/"))
		if f != "" {
			files = append(files, f)
		}
	}
	s := Scope{
		InScope: []string{}, OutOfScope: []string{},
		Evidence: ScopeEvidence{Lane: lane, TouchedFiles: files, LaneTree: append([]string{}, laneTree...)},
	}
	if len(files) == 0 {
		s.Verdict, s.Reason = InScope, "empty footprint — no files touched, nothing to judge"
		return s
	}
	if !tree.Known(laneTree) {
		s.OutOfScope = append(s.OutOfScope, files...)
		s.Verdict = WrongTarget
		s.Reason = fmt.Sprintf("lane %s declares no tree — cannot certify containment of %d touched file(s)", lane, len(files))
		return s
	}
	set := tree.NewSet(laneTree)
	var genuine, spared []string
	for _, f := range files {
		if set.CoversPath(f) {
			s.InScope = append(s.InScope, f)
			continue
		}
		s.OutOfScope = append(s.OutOfScope, f)
		if slices.Contains(tolerated, tree.Fold(path.Base(f))) {
			spared = append(spared, f)
		} else {
			genuine = append(genuine, f)
		}
	}
	switch {
	case len(genuine) > 0 && len(s.InScope) > 0:
		s.Verdict = ScopeCreep
		s.Reason = fmt.Sprintf("%d of %d touched file(s) lie outside lane %s's tree (%s)",
			len(genuine), len(files), lane, firstFiles(genuine))
	case len(genuine) > 0:
		s.Verdict = WrongTarget
		s.Reason = fmt.Sprintf("none of the %d touched file(s) lies inside lane %s's tree (%s)",
			len(files), lane, firstFiles(genuine))
	default:
		s.Verdict = InScope
		s.Reason = fmt.Sprintf("all %d touched file(s) lie inside lane %s's tree", len(files)-len(spared), lane)
		if len(spared) > 0 {
			s.Reason += fmt.Sprintf("; tolerated shared-infra file(s): %s", firstFiles(spared))
		}
	}
	return s
}

// ScopeGate turns a classification into the binding allow/refuse answer.
func ScopeGate(lane string, laneTree, touched, tolerated []string) Gate {
	s := ClassifyScope(lane, laneTree, touched, tolerated)
	g := Gate{Allowed: s.Verdict == InScope, Verdict: "ALLOW", Reason: s.Reason, RefusedFiles: []string{}, Scope: s}
	if !g.Allowed {
		g.Verdict = "REFUSE"
		for _, f := range s.OutOfScope {
			if !slices.Contains(tolerated, tree.Fold(path.Base(f))) || !tree.Known(laneTree) {
				g.RefusedFiles = append(g.RefusedFiles, f)
			}
		}
	}
	return g
}

func firstFiles(fs []string) string {
	if len(fs) <= 5 {
		return strings.Join(fs, ", ")
	}
	return strings.Join(fs[:5], ", ") + fmt.Sprintf(", … %d more", len(fs)-5)
}
