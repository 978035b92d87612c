package workspace

import (
	"path/filepath"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Config is dos.toml folded over the built-in defaults.
type Config struct {
	// Stamp is the stamp grammar ([stamp], override per key).
	Stamp stamp.Convention
	// Verify holds the [verify] keys.
	Verify VerifyConfig
	// Paths are the resolved layout paths ([paths], override per key).
	Paths Paths
	// Lanes is the lane taxonomy ([lanes], replaced wholesale).
	Lanes Lanes
	// Overlap is the admission overlap policy ([overlap], override per key).
	Overlap Overlap
	// SelfModify lists project paths agents may not write ([self_modify]).
	SelfModify SelfModify
	// Reasons are the declared refusal reasons ([reasons.<TOKEN>], additive).
	Reasons map[string]ReasonDecl
	// Morphology is [[reasons.morphology]]; nil means the built-in rules,
	// an empty non-nil slice turns the rung off.
	Morphology []MorphologyRule
	// Declared reports whether a dos.toml was found and parsed.
	Declared bool

	// Path is where dos.toml is (or would be): <state root>/dos.toml.
	Path string
	// Driver is the base policy the file was folded over ("" is generic).
	Driver string
	// Tables lists the top-level tables the file declared, sorted, whether
	// or not they loaded cleanly.
	Tables []string
	// Recognised lists the declared top-level tables of the schema that
	// this version does not read (see [RecognisedTables]), sorted; they are
	// accepted unread and lint names them as info.
	Recognised []string
	// Unknown lists the other top-level keys, which dos does not know
	// (typos, mostly), sorted; lint flags them.
	Unknown []string
	// Problems lists the parts of the file that could not be read and
	// were left at their defaults (the whole file when Table is ""), in
	// the order found; lint fails on them.
	Problems []Problem

	// Plan is the [plan] table.
	Plan PlanConfig
	// ConcurrencyClasses is [[concurrency_class]] (replaced wholesale).
	ConcurrencyClasses []ConcurrencyClass
	// ToolStream is the [tool_stream] table (the posttool hook).
	ToolStream ToolStream
	// Marker is the [marker] table (the marker hook).
	Marker Marker
	// Liveness is the [liveness] table (override per key).
	Liveness LivenessConfig
	// Supervise is the [supervise] table (override per key).
	Supervise SuperviseConfig
	// Fleet is the [fleet] table (override per key): the lease store.
	Fleet FleetConfig
	// ExecCapability is the [exec_capability] table (exec-capability).
	ExecCapability ExecCapability
	// Hooks is the [hooks] table (the stop hook's strict mode).
	Hooks Hooks
}

// VerifyConfig is the [verify] table.
type VerifyConfig struct {
	// AllowEmpty restores the reference behaviour: a stamp commit with an
	// empty diff still ships its phase.
	AllowEmpty bool
	// IgnorePaths are globs whose changes do not count as a real diff.
	IgnorePaths []string
	// NonGitOracle, ExecCmd and PreferArtifactRung are the binding rungs.
	NonGitOracle       string
	ExecCmd            string
	PreferArtifactRung bool
}

// RunsCommand reports whether verifying in this workspace runs a command
// the workspace configured ([verify] exec_cmd): the binding rung executes
// it in the work tree, and that command may do anything.
func (v VerifyConfig) RunsCommand() bool { return v.ExecCmd != "" }

// Paths is the [paths] table, every path absolute except PlansGlob, which
// is a glob relative to the state root. Root and Style come from the base
// and cannot be set in dos.toml.
type Paths struct {
	ExecutionState string
	PlansGlob      string
	LaneJournal    string
	LeasesDir      string
	VerdictJournal string
	SoaksIndex     string

	// Root is the state root every relative path was joined to.
	Root string
	// Style is the layout: "dos" (state under .dos/) or "repo" (the job
	// driver's docs/_plans/ layout).
	Style string

	FindingsQueue string
	FanoutRuns    string
	DispatchLoops string
	ChainedRuns   string
	NextPackets   string
	ReplanDir     string
	PickerAudits  string
	ArchiveLock   string
	// ProjectCard is empty in the repo layout, which has none.
	ProjectCard string
}

// Lanes is the lane taxonomy.
type Lanes struct {
	// Concurrent lanes may run together when their trees are disjoint.
	Concurrent []string
	// Exclusive lanes run alone.
	Exclusive []string
	// Autopick is the ordered ladder a busy or bare request walks.
	Autopick []string
	// Trees maps a lane to the globs it may write.
	Trees map[string][]string
	// Aliases maps a keyword to a lane.
	Aliases map[string]string
}

// Overlap is the [overlap] table.
type Overlap struct {
	// RatioMax is the largest shared fraction two live trees may have; 0
	// (the default) refuses any shared write prefix.
	RatioMax float64
	// Policy names the overlap scorer; only "prefix" exists.
	Policy string
}

// SelfModify is the [self_modify] table.
type SelfModify struct {
	// Protect lists paths (globs) that agents may not write.
	Protect []string
}

// ReasonDecl is one declared refusal reason, [reasons.<TOKEN>].
type ReasonDecl struct {
	Category string
	Refusal  bool
	Summary  string
	Fix      string
	SeeAlso  []string
}

// MorphologyRule maps a substring of an unknown reason to a category.
type MorphologyRule struct {
	Substring string
	Category  string
}

// Load reads <root>/dos.toml and folds it over the generic defaults. It
// never fails: a malformed file or table is reported through warn (nil
// drops the lines) and the base value kept. See [Fold] for the rules.
func Load(root string, warn func(string)) *Config {
	return Fold(Defaults(root), warn)
}

// Defaults is the generic configuration for root: the base without a
// driver.
func Defaults(root string) *Config {
	return &Config{
		Stamp: stamp.Generic(),
		Paths: dosLayout(root),
		Lanes: Lanes{
			Concurrent: []string{"main"},
			Exclusive:  []string{"global"},
			Autopick:   []string{"main"},
			Trees:      map[string][]string{"main": {"**/*"}, "global": {"**/*"}},
			Aliases:    map[string]string{},
		},
		Overlap:    Overlap{RatioMax: 0, Policy: "prefix"},
		Reasons:    map[string]ReasonDecl{},
		Path:       filepath.Join(root, FileName),
		Plan:       PlanConfig{Source: "markdown"},
		ToolStream: ToolStream{RepeatN: 3, StallN: 5, IgnoreTools: []string{}},
		Marker:     Marker{MaxStreak: 4, ArmOnEnv: []string{"DOS_LOOP", "CID_RUN_ID"}, RespectStopHookActive: true},
		Liveness:   DefaultLiveness(),
		Supervise:  DefaultSupervise(),
		Fleet:      DefaultFleet(),
	}
}

// FileName is the name of the config file at the state root.
const FileName = "dos.toml"
