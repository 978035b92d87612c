package stamp

// Convention is the stamp grammar a workspace uses: which subject shapes
// count as a ship. It is the [stamp] table of dos.toml folded over a base.
type Convention struct {
	// Style is the stamp style; only "grep" is implemented.
	Style string
	// SubjectDirs, when non-empty, switches to the strict JOB grammar: a
	// subject must start with <dir>/<PLAN>. Empty means GENERIC.
	SubjectDirs []string
	// SummaryBundlePrefixes start release-style subjects ("docs/HYG:").
	SummaryBundlePrefixes []string
	// BookkeepingPrefixes start subjects that are never a ship.
	BookkeepingPrefixes []string
	// CodeDirs scope file-path harvesting.
	CodeDirs []string
	// InfraBasenames and InfraDocBasenames are shared files that never
	// attribute a ship on their own.
	InfraBasenames    []string
	InfraDocBasenames []string
	// ProgressMarkers are words that, right after the phase, make a subject
	// a progress note rather than a ship ("AUTH1 wip").
	ProgressMarkers []string
	// SubPhaseParentFallback lets "P3-port" be answered by its parent P3
	// when the suffix also appears in the subject.
	SubPhaseParentFallback bool
	// TrailerStamp also accepts a stamp in a trailing parenthesis:
	// "fix: thing (AUTH AUTH21)".
	TrailerStamp bool
}

// Generic is the default convention: any or no single directory prefix,
// glued or prefixed stamps, no progress markers.
func Generic() Convention {
	return Convention{Style: "grep"}
}

// Job is the strict, directory-prefixed convention of the reference's job
// driver.
func Job() Convention {
	return Convention{
		Style:                 "grep",
		SubjectDirs:           []string{"docs", "go", "agents", "job_search", "scripts"},
		SummaryBundlePrefixes: []string{"docs/HYG:"},
		BookkeepingPrefixes:   []string{"docs/_plans:", "docs/fanout:", "docs/dispatch:", "docs/dispatch-loop:", "docs/_soaks:"},
		CodeDirs:              []string{"agents", "job_search", "go", "scripts", "templates", "config", "docs", "tests"},
		InfraBasenames:        []string{"fanout_state.py"},
		ProgressMarkers: []string{"week-1", "week-2", "week-3", "week-4", "day-1", "day-2", "day-3", "day-4",
			"day-5", "day-6", "day-7", "audit", "re-audit", "baseline", "re-baseline", "rebaseline", "read",
			"reading", "snapshot", "obs", "observation", "measurement", "progress", "soak", "wip", "partial",
			"§why", "todo"},
		SubPhaseParentFallback: true,
	}
}
