package setup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/hostcfg/install"
	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/kernel/lint"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/state/verifyindex"
	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/workspace"
)

// DoctorArgs are the arguments of doctor.
type DoctorArgs struct {
	Check bool `name:"check" help:"also run lint and health checks; exit 1 on a gating finding"`
}

// Doctor sizes: subjects read for the headline and for the --check stamp
// coverage rail, and the state-file limits of the health rail.
const (
	doctorHeadlineCommits = 50
	doctorCoverageCommits = 200
	doctorStateMaxBytes   = 200_000
	doctorStateMaxRows    = 150
)

// Doctor reports what dos sees in the workspace.
var Doctor = call.Def{
	Path:  "doctor",
	Use:   "[--check]",
	Short: "Show the workspace as dos sees it: roots, config, stamp grammar, lanes, verifiability",
	Long: `USE THIS WHEN: dos answers something you did not expect, or you set up a new
workspace and want to see what dos will read before trusting its verdicts.

doctor prints one row per fact: the dos version; the workspace, state root
and checkout root; whether it is a git workspace; the driver and layout; where
dos.toml is and whether one was found; the stamp convention; the lanes and
the overlap policy; and the verifiability headline: how many of your newest
50 commit subjects look like they name a unit of work, and how many of those
the active stamp grammar can read. That count uses a loose probe (a subject
such as "AUTH1: ..." or "AUTH: AUTH1 ..."), not verify itself.

With --check it also runs lint, checks that a declared [stamp] reads at least
one of the newest 200 ship-shaped subjects, and checks the size of the
execution-state file; each problem is a 'finding:' line, and any error or
warning makes it exit 1. Unlike the reference, findings are printed with the
report on stdout and doctor ignores the legacy state-path environment
variables. doctor reads the repository with go-git and starts no process.`,
	Example: `  dos doctor
  dos doctor --json
  dos doctor --check    # exit 1 if the config or state needs attention`,
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Healthy, &Findings},
	Handler:  &call.Typed[DoctorArgs, *DoctorResult]{Fn: runDoctor},
}

func runDoctor(ctx context.Context, env *call.Env, a *DoctorArgs) (*call.Reply[*DoctorResult], error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	c := ws.Config
	conv := c.Stamp
	n := doctorHeadlineCommits
	if a.Check {
		n = doctorCoverageCommits
	}
	subjects, gitErr := doctorSubjects(ws, n)
	v := lint.Measure(subjects[:min(len(subjects), doctorHeadlineCommits)], conv)
	headline := v.Headline()
	if gitErr != nil {
		headline = "could not read history: " + gitErr.Error()
	}
	_, dotErr := os.Stat(ws.DotDos())
	fossils := map[string]bool{"lane_journal": doctorExists(c.Paths.LaneJournal), "verdict_journal": doctorExists(c.Paths.VerdictJournal)}
	data := &DoctorResult{
		Distribution: "dos", DosVersion: version.String(),
		Workspace: ws.Dir, StateRoot: ws.StateRoot, CheckoutRoot: ws.CheckoutRoot,
		Git: ws.IsGit(), Driver: doctorDriver(c.Driver),
		Paths: DoctorPaths{
			Root: c.Paths.Root, Style: c.Paths.Style, ExecutionState: c.Paths.ExecutionState,
			PlansGlob: c.Paths.PlansGlob, NextPackets: c.Paths.NextPackets, Runs: c.Paths.FanoutRuns,
			LaneJournal: c.Paths.LaneJournal, VerdictJournal: c.Paths.VerdictJournal,
		},
		Stamp: DoctorStamp{
			Style: c.Stamp.Style, SubjectDirs: doctorNonNil(c.Stamp.SubjectDirs),
			SummaryBundlePrefixes: doctorNonNil(c.Stamp.SummaryBundlePrefixes), BookkeepingPrefixes: doctorNonNil(c.Stamp.BookkeepingPrefixes),
			CodeDirs: doctorNonNil(c.Stamp.CodeDirs), InfraBasenames: doctorNonNil(c.Stamp.InfraBasenames),
			InfraDocBasenames: doctorNonNil(c.Stamp.InfraDocBasenames), ProgressMarkers: doctorNonNil(c.Stamp.ProgressMarkers),
			SubPhaseParentFallback: c.Stamp.SubPhaseParentFallback, TrailerStamp: c.Stamp.TrailerStamp,
		},
		Lanes: DoctorLanes{
			Concurrent: doctorNonNil(c.Lanes.Concurrent), Exclusive: doctorNonNil(c.Lanes.Exclusive),
			Autopick: doctorNonNil(c.Lanes.Autopick), Trees: c.Lanes.Trees,
		},
		OverlapPolicy:   DoctorOverlap{Active: c.Overlap.Policy, Available: []string{"prefix"}, RatioMax: c.Overlap.RatioMax},
		Verifiability:   v,
		EvidenceSources: DoctorEvidence{Verify: doctorEvidence(c)},
		ExitCodes:       doctorExitCodes(env.Registry),
		DotDos: DoctorDotDos{
			Present: dotErr == nil, ConfigDeclared: c.Declared, ConfigPath: c.Path, Fossils: fossils,
		},
	}
	rows := [][2]string{
		{"dos version", version.String()},
		{"workspace", ws.Dir},
		{"state root", ws.StateRoot},
		{"checkout root", doctorOr(ws.CheckoutRoot, "(not a git checkout)")},
		{"is git workspace", doctorYesNo(ws.IsGit())},
		{"driver", doctorDriver(c.Driver) + "  [layout=" + c.Paths.Style + "]"},
		{"config", doctorConfigRow(c)},
		{"execution-state", c.Paths.ExecutionState},
		{"plans glob", c.Paths.PlansGlob},
		{"stamp convention", lint.Grammar(conv) + "  [style=" + c.Stamp.Style + "]"},
		{"verifiability", headline},
		{"lanes", doctorLanesRow(c.Lanes)},
		{"overlap policy", doctorOverlapRow(c.Overlap)},
		{"evidence sources", "verify: " + doctorEvidence(c)},
		{".dos surface", doctorDotDosRow(dotErr == nil, fossils)},
		{"verify index", doctorIndexRow(ws, data)},
	}
	fleetRow, fleetFinding := doctorFleet(ctx, env, c.Fleet, data)
	if fleetRow != "" {
		rows = append(rows, [2]string{"lease backend", fleetRow})
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%-18s %s\n", r[0], r[1])
	}
	res := &call.Reply[*DoctorResult]{Verdict: Healthy, Body: data, Interpretation: "This is the workspace dos reads; " + headline + "."}
	if a.Check {
		findings, gating, err := doctorFindings(ws, subjects, conv)
		if err != nil {
			return nil, err
		}
		// Codex skips hooks nobody trusted without a word: say so.
		if t, err := install.InspectCodexTrust(install.Options{Dir: ws.StateRoot, Home: env.Getenv("HOME"), CodexHome: env.Getenv("CODEX_HOME")}); err == nil {
			findings = append(findings, t.Findings()...)
		}
		if fleetFinding != "" {
			findings = append(findings, fleetFinding)
			gating = true
		}
		data.Findings = findings
		for _, f := range findings {
			fmt.Fprintf(&b, "finding: %s\n", f)
		}
		if len(findings) == 0 {
			b.WriteString("check: no findings\n")
		}
		if gating {
			res.Verdict = Findings
			res.Interpretation = fmt.Sprintf("doctor --check found %d problem(s) that need attention; each finding line says what to change.", len(findings))
		}
	}
	res.Text = strings.TrimRight(b.String(), "\n")
	return res, nil
}

// doctorIndexRow describes the verify index cache in the git directory
// and records it under "verify_index".
func doctorIndexRow(ws *workspace.Workspace, data *DoctorResult) string {
	if !ws.IsGit() {
		return "(not a git workspace)"
	}
	dir := filepath.Join(ws.CommonDir, "dos")
	tips, size := verifyindex.CacheStats(dir)
	data.VerifyIndex = &DoctorIndex{Dir: dir, Tips: tips, Bytes: size}
	if tips == 0 {
		return "not built yet (the first verify builds it in " + dir + ")"
	}
	return fmt.Sprintf("%d tip(s) cached, %.1f MB, in %s", tips, float64(size)/(1<<20), dir)
}

// doctorSubjects reads the newest n subjects; outside git there are none.
func doctorSubjects(ws *workspace.Workspace, n int) ([]string, error) {
	if !ws.IsGit() {
		return nil, nil
	}
	r, err := git.Open(ws.CheckoutRoot)
	if err != nil {
		return nil, err
	}
	return r.RecentSubjects(n)
}

// doctorFindings runs the --check rails: stamp coverage, lint, state-file
// health. It returns the finding lines and whether any gates.
func doctorFindings(ws *workspace.Workspace, subjects []string, conv stamp.Convention) ([]string, bool, error) {
	c := ws.Config
	out := []string{}
	gating := false
	if doctorStampDeclared(c) {
		v := lint.Measure(subjects, conv)
		if v.ShipShaped > 0 && v.Recognized == 0 {
			out = append(out, fmt.Sprintf("declared [stamp] (subject_dirs=%s) recognizes none of this repo's %d recent ship-shaped commit(s) — e.g. '%s'. Widen subject_dirs or remove it", strings.Join(c.Stamp.SubjectDirs, ","), v.ShipShaped, v.Example))
			gating = true
		}
	}
	fs, err := lintFindings(ws)
	if err != nil {
		return nil, false, err
	}
	for _, f := range fs {
		out = append(out, f.Line())
	}
	gating = gating || lint.Gating(fs, false)
	health := doctorStateHealth(c.Paths.ExecutionState)
	out = append(out, health...)
	return out, gating || len(health) > 0, nil
}

// doctorStateHealth flags an execution-state file that has grown too large to
// read quickly.
func doctorStateHealth(path string) []string {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	var out []string
	if st.Size() > doctorStateMaxBytes {
		out = append(out, fmt.Sprintf("%s: %d bytes, over %d — archive old rows", path, st.Size(), doctorStateMaxBytes))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return append(out, fmt.Sprintf("%s: unreadable: %v", path, err))
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return append(out, fmt.Sprintf("%s: not valid YAML: %s", path, strings.SplitN(err.Error(), "\n", 2)[0]))
	}
	for _, k := range []string{"recently_completed", "abandoned", "archived"} {
		if l, ok := doc[k].([]any); ok && len(l) > doctorStateMaxRows {
			out = append(out, fmt.Sprintf("%s: %s has %d rows, over %d — archive old rows", path, k, len(l), doctorStateMaxRows))
		}
	}
	return out
}

// doctorStampDeclared reports whether dos.toml declares a non-empty [stamp].
func doctorStampDeclared(c *workspace.Config) bool {
	for _, t := range c.Tables {
		if t == "stamp" {
			return len(c.Stamp.SubjectDirs) > 0 || c.Stamp.TrailerStamp || c.Stamp.Style != ""
		}
	}
	return false
}

func doctorEvidence(c *workspace.Config) string {
	if c.Verify.NonGitOracle != "" {
		return "git, then " + c.Verify.NonGitOracle
	}
	return "git-only"
}

func doctorConfigRow(c *workspace.Config) string {
	if !c.Declared {
		if doctorExists(c.Path) {
			return c.Path + " (malformed: built-in defaults; see the warning above)"
		}
		return "no dos.toml (built-in defaults; 'dos init' writes one)"
	}
	if len(c.Unknown) > 0 {
		return c.Path + " (unread tables: " + strings.Join(c.Unknown, ", ") + ")"
	}
	return c.Path
}

func doctorLanesRow(l workspace.Lanes) string {
	list := func(s []string) string { return doctorOr(strings.Join(s, ", "), "(none)") }
	return "concurrent: " + list(l.Concurrent) + "; exclusive: " + list(l.Exclusive) + "; autopick: " + list(l.Autopick)
}

func doctorOverlapRow(o workspace.Overlap) string {
	if o.RatioMax == 0 {
		return o.Policy + ", ratio_max=0 (strict: any shared write prefix refuses)"
	}
	return fmt.Sprintf("%s, ratio_max=%g", o.Policy, o.RatioMax)
}

func doctorDotDosRow(present bool, fossils map[string]bool) string {
	if !present {
		return "absent (created on the first write)"
	}
	var have []string
	for _, k := range []string{"lane_journal", "verdict_journal"} {
		if fossils[k] {
			have = append(have, strings.ReplaceAll(k, "_", " "))
		}
	}
	return "present (" + doctorOr(strings.Join(have, ", "), "no journals yet") + ")"
}

// doctorExitCodes is the exit-code table, as dos exit-codes --json prints it.
func doctorExitCodes(r call.Registry) ExitCodeTable {
	out := ExitCodeTable{}
	for _, d := range VerdictDefs(r) {
		out[d.Path] = map[string]int{}
		for _, v := range ExitTable(d) {
			out[d.Path][v.Word] = v.Code
		}
	}
	return out
}

func doctorDriver(d string) string { return doctorOr(d, "generic") }

func doctorExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil || !errors.Is(err, os.ErrNotExist)
}

func doctorYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func doctorOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func doctorNonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
