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
