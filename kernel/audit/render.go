package audit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// markWidth is the width, in characters, the verdict mark is padded to.
const markWidth = 13

// mark is the leading token of a finding's line.
func (v Verdict) mark() string {
	switch v {
	case OK:
		return "✓ witnessed"
	case Unwitnessed:
		return "⚑ UNWITNESSED"
	}
	return "· abstain"
}

// Line renders a finding as one line:
//
//	⚑ UNWITNESSED 1a2b3c4  [subject-only]  code-effect claim but ...
func (f Finding) Line() string {
	m := f.Verdict.mark()
	if n := utf8.RuneCountInString(m); n < markWidth {
		m += strings.Repeat(" ", markWidth-n)
	}
	return fmt.Sprintf("%s %s  [%s]  %s", m, f.SHA, f.Witness, f.Reason)
}

// shownSHAs is how many unwitnessed commits the sweep block names.
const shownSHAs = 12

// Block renders the sweep summary of the range rng as several lines.
func (s Summary) Block(rng string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "commit-audit sweep of %s\n", rng)
	fmt.Fprintf(&b, "  commits      %d\n", s.Commits)
	fmt.Fprintf(&b, "  checkable    %d\n", s.Checkable)
	fmt.Fprintf(&b, "  witnessed    %d\n", s.Witnessed)
	fmt.Fprintf(&b, "  UNWITNESSED  %d\n", s.Unwitnessed)
	fmt.Fprintf(&b, "  abstained    %d\n", s.Abstained)
	fmt.Fprintf(&b, "  DRIFT RATE (unwitnessed/checkable): %.1f%%\n", s.DriftRate*100)
	fmt.Fprintf(&b, "\n  %-12s %11s %9s %7s\n", "kind", "unwitnessed", "witnessed", "abstain")
	for _, k := range ClaimKinds {
		t := s.ByKind[k]
		fmt.Fprintf(&b, "  %-12s %11d %9d %7d\n", k, t.Unwitnessed, t.Witnessed, t.Abstain)
	}
	if n := len(s.UnwitnessedSHAs); n > 0 {
		shown := s.UnwitnessedSHAs[:min(n, shownSHAs)]
		fmt.Fprintf(&b, "\n  unwitnessed: %s", strings.Join(shown, " "))
		if n > shownSHAs {
			fmt.Fprintf(&b, " (+%d more)", n-shownSHAs)
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
