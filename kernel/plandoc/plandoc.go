// Package plandoc harvests the units of work a markdown plan declares, and
// what the plan itself claims about each. A plan's claim is only a claim:
// dos plan sets it beside the verify verdict to show where they diverge.
//
// The grammar: a numbered heading "## 3. AUTH AUTH3 — login" declares phase
// AUTH3 of plan AUTH; a bold bullet "- **AUTH3.1 — refresh**" under it
// declares a sub-phase of the same plan. A phase id needs a letter and a
// digit; a numbered heading without one is prose and ends the current plan.
// The words SHIPPED (exact case) and SOAK, BLOCKED, AWAITING, GATED or
// DEFERRED (any case) near a phase set its claimed status.
package plandoc

import (
	"regexp"
	"strings"

	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/stamp"
)

// Row is one declared phase.
type Row struct {
	Plan  string
	Phase string
	// Claimed is what the plan says: "shipped", "blocked" or "open".
	Claimed string
}

var (
	headingRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^#{2,4}\s+\d+\.\s+([A-Za-z][A-Za-z0-9_-]*)\s+([A-Za-z0-9][A-Za-z0-9_\-./']*)\s*[—–\-:]`)
	}}
	bulletRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*-\s+\*\*([A-Za-z0-9][A-Za-z0-9_\-./']*)\s*(?:[—\-–:]|\*\*)`)
	}}
	anyHeadRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^#{2,4}\s`) }}
	shippedRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`\bSHIPPED\b`) }}
	blockedRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:SOAK|SOAKING|BLOCKED|AWAITING|GATED|DEFERRED)\b`)
	}}
)

// Parse returns the phases text declares, in document order, each (plan,
// phase) once.
func Parse(text string) []Row {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []Row
	seen := map[[2]string]bool{}
	plan := ""
	add := func(r Row) {
		k := [2]string{r.Plan, r.Phase}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	for i, line := range lines {
		if m := headingRE.Get().FindStringSubmatch(line); m != nil {
			if !isPhaseID(m[2]) {
				plan = ""
				continue
			}
			plan = m[1]
			section := []string{line}
			for _, l := range lines[i+1:] {
				if anyHeadRE.Get().MatchString(l) {
					break
				}
				section = append(section, l)
			}
			add(Row{Plan: plan, Phase: m[2], Claimed: claimed(strings.Join(section, "\n"))})
			continue
		}
		if m := bulletRE.Get().FindStringSubmatch(line); m != nil && plan != "" && isPhaseID(m[1]) {
			add(Row{Plan: plan, Phase: m[1], Claimed: claimed(line)})
		}
	}
	return out
}

// isPhaseID is the one phase-id shape, shared with the stamp grammar's
// reading of subjects ([stamp.IsPhaseID]).
func isPhaseID(s string) bool { return stamp.IsPhaseID(s) }

func claimed(text string) string {
	switch {
	case shippedRE.Get().MatchString(text):
		return "shipped"
	case blockedRE.Get().MatchString(text):
		return "blocked"
	}
	return "open"
}

// Divergence compares a plan's claim with the verify verdict.
func Divergence(claimed string, shipped bool) string {
	switch {
	case claimed == "" && shipped, claimed == "shipped" && shipped:
		return "✓shipped"
	case claimed == "":
		return "—"
	case claimed == "shipped":
		return "⚠over-claim"
	case shipped:
		return "✓under-claim"
	}
	return "·pending"
}
