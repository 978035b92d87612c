package workspace

import "time"

// PlanConfig is the [plan] table.
type PlanConfig struct {
	// Source names the plan-source plugin; only "markdown" exists.
	Source string
}

// Enumerate is the [enumerate] table: how phases are harvested from plan
// documents.
type Enumerate struct {
	HeadingLevels       []int
	ScanTables          bool
	GenericNumericTable bool
	BarePhaseFallback   bool
	RollupParents       bool
	Style               string
}

func defaultEnumerate() Enumerate {
	return Enumerate{
		HeadingLevels: []int{2, 3, 4, 5, 6}, ScanTables: true,
		BarePhaseFallback: true, Style: "generic",
	}
}

// Cooldown is the [cooldown] table. In dos.toml each window is given in
// milliseconds or in the larger unit, never both.
type Cooldown struct {
	// Window is window_ms or window_hours (6 h).
	Window time.Duration
	// ErrorWindow is error_window_ms or error_window_minutes (30 min).
	ErrorWindow time.Duration
}

func defaultCooldown() Cooldown {
	return Cooldown{Window: 6 * time.Hour, ErrorWindow: 30 * time.Minute}
}

// Supervise is the [supervise] table.
type Supervise struct {
	Target               int
	CountSpinningAsAlive bool
	ReapStalled          bool
	// SpinHaltAfter is spin_halt_after_ms or spin_halt_after_minutes; zero
	// is off.
	SpinHaltAfter        time.Duration
	WorkerLaunchTemplate string
	// MaxConcurrency caps live workers; zero means no cap.
	MaxConcurrency int
}

func defaultSupervise() Supervise {
	return Supervise{
		Target: 1, CountSpinningAsAlive: true, ReapStalled: true,
		WorkerLaunchTemplate: "/dos-dispatch-loop --lane {lane}",
	}
}

// Lifecycle is the [lifecycle] table.
type Lifecycle struct {
	Classes                []string
	Transitions            []Transition
	VetoClass              string
	MaxTransitionsPerCycle int
	PerPlanCooldownHours   float64
}

// Transition is one [lifecycle] transition rule.
type Transition struct {
	From, To, Trigger string
	Auto              bool
}

func defaultLifecycle() Lifecycle {
	return Lifecycle{
		Classes:                []string{"active", "done"},
		Transitions:            []Transition{{From: "active", To: "done", Trigger: "all_phases_shipped", Auto: true}},
		MaxTransitionsPerCycle: 5,
		PerPlanCooldownHours:   72,
	}
}

// Retention is the [retention] table: how much history compaction keeps.
type Retention struct {
	JournalMaxEntries  int
	JournalMaxAgeDays  float64
	RunsKeepLast       int
	VerdictsKeepLast   int
	AuditsKeepLast     int
	ProjectionsCompact bool
}

func defaultRetention() Retention {
	return Retention{
		JournalMaxEntries: 5000, JournalMaxAgeDays: 30, RunsKeepLast: 200,
		VerdictsKeepLast: 500, AuditsKeepLast: 200, ProjectionsCompact: true,
	}
}

// DataClass is the [data_class] table: which paths are trajectories,
// audits, baselines or product.
type DataClass struct {
	TrajectoryPatterns []string
	AuditPatterns      []string
	BaselinePatterns   []string
	ProductPatterns    []string
	DefaultClass       string
}

func defaultDataClass() DataClass {
	return DataClass{
		TrajectoryPatterns: []string{".dos/runs", ".dos/fanout_runs", ".dos/chained_runs", ".dos/dispatch_loops", ".dos/verdicts"},
		AuditPatterns:      []string{".dos/audits", ".dos/picker_audits", ".dos/**/*.verdict-*.json"},
		BaselinePatterns:   []string{".dos/baselines"},
		ProductPatterns:    []string{},
		DefaultClass:       "PRODUCT",
	}
}

// ConcurrencyClass is one [[concurrency_class]] entry: a per-kind lease
// budget.
type ConcurrencyClass struct {
	Name          string
	MaxConcurrent int
}

// InterventionDecl is one declared [intervention.<TOKEN>] rung.
type InterventionDecl struct {
	Rank             int
	Summary          string
	Actuation        string
	Dispatches       bool
	ReturnsSynthetic bool
	SeeAlso          []string
}

// ToolStream is the [tool_stream] table of the repeated-result detector.
type ToolStream struct {
	RepeatN     int
	StallN      int
	IgnoreTools []string
}

// Marker is the [marker] table of the keep-alive budget.
type Marker struct {
	MaxStreak             int
	ArmOnEnv              []string
	RespectStopHookActive bool
}

// Precursor is the [precursor] table: tools that need another tool first.
type Precursor struct {
	// Requires maps a tool to the precursors it needs.
	Requires map[string][]string
	// Aliases maps a precursor to names that also count as it.
	Aliases map[string][]string
}
