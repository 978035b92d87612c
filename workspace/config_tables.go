package workspace

// PlanConfig is the [plan] table.
type PlanConfig struct {
	// Source names the plan-source plugin; only "markdown" exists.
	Source string
}

// ConcurrencyClass is one [[concurrency_class]] entry: a per-kind lease
// budget.
type ConcurrencyClass struct {
	Name          string
	MaxConcurrent int
}

// ToolStream is the [tool_stream] table of the repeated-result detector
// (dos hook posttool).
type ToolStream struct {
	// RepeatN identical results make a stream REPEATING (default 3).
	RepeatN int
	// StallN identical results make it STALLED (default 5).
	StallN int
	// IgnoreTools never count as a repeat.
	IgnoreTools []string
}

// Marker is the [marker] table of the keep-alive budget (dos hook marker).
type Marker struct {
	// MaxStreak is how many stops one session may hold open (default 4).
	MaxStreak int
	// ArmOnEnv are the variables whose presence arms the marker.
	ArmOnEnv []string
	// RespectStopHookActive lets a stop through when the host says a stop
	// hook already held it (default true).
	RespectStopHookActive bool
}

// ExecCapability is the [exec_capability] table: program names added to
// the built-in capability set of dos exec-capability (additive, like its
// --extra flag).
type ExecCapability struct {
	// Extra are the added program names (default none).
	Extra []string
}

// Hooks is the [hooks] table: how the hook verbs judge, for every host
// whose hooks dos init wired (the hook files themselves stay the same, so
// a Codex review is not needed again after a change here).
type Hooks struct {
	// StrictStop makes the stop hook count a plain-words claim ("AUTH1 is
	// done.") as well as a DOS-CLAIM line (default false; dos-hook stop
	// --strict does the same for one hook command).
	StrictStop bool
}
