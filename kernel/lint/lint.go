package lint

// Input is everything lint checks, gathered by the caller.
type Input struct {
	// Lanes is the lane taxonomy.
	Lanes Lanes
	// Reasons are the workspace's declared refusal reasons.
	Reasons []Reason
	// PlanFiles are the plan documents matched by plans_glob, as paths
	// relative to the state root.
	PlanFiles []string
	// Rungs are the configured rung and plugin names.
	Rungs Rungs
	// UnknownTables are top-level dos.toml names dos does not know (a
	// typo, mostly); KnownTables are the tables it reads (named in the fix).
	UnknownTables, KnownTables []string
	// RecognisedTables are top-level dos.toml tables of the schema that
	// this version accepts but does not read.
	RecognisedTables []string
	// Problems are the parts of dos.toml that could not be read, so
	// their defaults are in force.
	Problems []Problem
}

// Problem is a part of dos.toml that could not be read.
type Problem struct {
	// Table is the top-level table ignored; "" is the whole file.
	Table string
	// Msg says what is wrong.
	Msg string
}

// Lanes is the lane taxonomy as lint sees it.
type Lanes struct {
	Concurrent, Exclusive, Autopick []string
	Trees                           map[string][]string
	Aliases                         map[string]string
	// Resolved holds, for each lane whose tree goes through a symbolic
	// link inside the repository, the tree with the links followed (what
	// admission compares). The caller reads the file system.
	Resolved map[string][]string
	// Outside holds, for each lane whose tree reaches outside the
	// repository through a link, why. Lexical escapes ("../x") are found
	// here without it.
	Outside map[string]string
}

// Reason is a declared refusal reason's token and see_also pointers.
type Reason struct {
	Token   string
	SeeAlso []string
}

// Rungs are configured names that must exist in this build, with the
// names that do.
type Rungs struct {
	StampStyle    string
	OverlapPolicy string
	PlanSource    string
	// Oracle is [verify] non_git_oracle; KnownOracles are the non-git
	// oracle drivers this build has.
	Oracle       string
	KnownOracles []string
	// ExecCmd and PreferArtifact are [verify] exec_cmd and
	// prefer_artifact_rung.
	ExecCmd        string
	PreferArtifact bool
}

// Check runs every check and returns the findings, sorted.
func Check(in Input) []Finding {
	var fs []Finding
	fs = append(fs, checkLanes(in.Lanes)...)
	fs = append(fs, checkReasons(in.Reasons, in.Lanes)...)
	fs = append(fs, checkPlans(in.PlanFiles)...)
	fs = append(fs, checkRungs(in.Rungs)...)
	fs = append(fs, checkTables(in.UnknownTables, in.KnownTables)...)
	fs = append(fs, checkRecognised(in.RecognisedTables)...)
	fs = append(fs, checkProblems(in.Problems)...)
	Sort(fs)
	return fs
}
