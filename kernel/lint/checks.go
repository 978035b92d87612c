package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/plandoc"
)

// checkReasons finds see_also pointers of the form "lane <name>" that name
// an undeclared lane; "<...>" placeholders are skipped.
func checkReasons(rs []Reason, l Lanes) []Finding {
	var fs []Finding
	for _, r := range rs {
		for _, s := range r.SeeAlso {
			rest, ok := strings.CutPrefix(strings.TrimSpace(s), "lane ")
			name := strings.TrimSpace(rest)
			if !ok || name == "" || strings.HasPrefix(name, "<") {
				continue
			}
			if !slices.Contains(l.Concurrent, name) && !slices.Contains(l.Exclusive, name) {
				fs = append(fs, Finding{Info, ReasonSeeAlsoDangles, r.Token,
					fmt.Sprintf("see_also points at lane '%s', which is not declared", name),
					"fix the lane name in the reason's see_also"})
			}
		}
	}
	return fs
}

// checkPlans finds plan files whose basenames start with the same number.
func checkPlans(files []string) []Finding {
	shared := plandoc.SharedHeads(files)
	var fs []Finding
	for _, num := range slices.Sorted(maps.Keys(shared)) {
		l := shared[num]
		fs = append(fs, Finding{Warn, PlanNumberDuplicate, num,
			fmt.Sprintf("%d plans share the number %s: %s", len(l), num, strings.Join(l, ", ")),
			"renumber all but one, so a plan number names one plan (verify refuses the bare number as ambiguous)"})
	}
	return fs
}

// checkRungs finds configured names that do not exist in this build.
func checkRungs(r Rungs) []Finding {
	var fs []Finding
	if r.StampStyle != "" && r.StampStyle != "grep" {
		fs = append(fs, Finding{Warn, StampStyleUnknown, r.StampStyle,
			"[stamp] style names a grammar dos does not have; verify uses grep",
			`set [stamp] style = "grep" or remove the key`})
	}
	if r.Oracle != "" && !slices.Contains(r.KnownOracles, r.Oracle) {
		known := "this build has none"
		if len(r.KnownOracles) > 0 {
			known = "known: " + strings.Join(r.KnownOracles, ", ")
		}
		fs = append(fs, Finding{Error, VerifyOracleUnknown, r.Oracle,
			"[verify] non_git_oracle names a driver dos does not have, so no ship is bound by it (" + known + ")",
			"remove non_git_oracle or name an available driver"})
	}
	if r.PreferArtifact && r.ExecCmd == "" {
		fs = append(fs, Finding{Warn, PreferArtifactRefusesAll, "prefer_artifact_rung",
			"[verify] prefer_artifact_rung refuses every ship whose only evidence is a commit subject, and no exec_cmd is set to attest one",
			"set [verify] exec_cmd to an acceptance command, or remove prefer_artifact_rung"})
	}
	if r.OverlapPolicy != "" && r.OverlapPolicy != "prefix" {
		fs = append(fs, Finding{Warn, OverlapPolicyUnknown, r.OverlapPolicy,
			"[overlap] policy names a scorer dos does not have; admission uses prefix",
			`set [overlap] policy = "prefix" or remove the key`})
	}
	if r.PlanSource != "" && r.PlanSource != "markdown" {
		fs = append(fs, Finding{Warn, PlanSourceUnknown, r.PlanSource,
			"[plan] source names a plan source dos does not have; plans are read as markdown",
			`set [plan] source = "markdown" or remove the key`})
	}
	return fs
}

// checkTables reports top-level names dos does not know.
func checkTables(unknown, known []string) []Finding {
	var fs []Finding
	for _, t := range uniq(unknown) {
		fs = append(fs, Finding{Warn, UnknownTable, t,
			"dos.toml declares a top-level table or key dos does not know, so it has no effect",
			"check the spelling or remove it; dos reads: " + strings.Join(known, ", ")})
	}
	return fs
}

// checkRecognised names the schema's tables that this version accepts but
// does not read. They are not mistakes, so they are info.
func checkRecognised(tables []string) []Finding {
	var fs []Finding
	for _, t := range uniq(tables) {
		fs = append(fs, Finding{Info, TableNotUsed, t,
			"[" + t + "] is recognised, not used by this version",
			"nothing to fix: it takes effect with the version whose verbs read it"})
	}
	return fs
}

// checkProblems reports the parts of dos.toml that could not be read: the
// verbs run on the defaults after a warning, and lint fails.
func checkProblems(ps []Problem) []Finding {
	var fs []Finding
	for _, p := range ps {
		if p.Table == "" {
			fs = append(fs, Finding{Error, ConfigUnreadable, "dos.toml",
				p.Msg + "; every verb is running on the built-in defaults",
				"fix the file (dos doctor shows the configuration in force)"})
			continue
		}
		fs = append(fs, Finding{Error, TableMalformed, "[" + p.Table + "]",
			p.Msg + "; the table's defaults are in force",
			"fix the table"})
	}
	return fs
}
