package workspace

import (
	"github.com/dispatchos/dos/kernel/stamp"
)

// Config is dos.toml folded over the built-in defaults.
type Config struct {
	// Stamp is the stamp grammar ([stamp], override per key).
	Stamp stamp.Convention
	// Verify holds dos's own [verify] keys.
	Verify VerifyConfig
	// Paths are the resolved layout paths ([paths], override per key).
	Paths Paths
}

// VerifyConfig is the [verify] table.
type VerifyConfig struct {
	// AllowEmpty restores the reference behaviour: a stamp commit with an
	// empty diff still ships its phase.
	AllowEmpty bool
	// IgnorePaths are globs whose changes do not count as a real diff.
	IgnorePaths []string
}

// Paths is the [paths] table, every path absolute.
type Paths struct {
	ExecutionState string
	PlansGlob      string
	LaneJournal    string
}

// Load reads <root>/dos.toml and folds it over the defaults. It never fails:
// a malformed file or table is reported through warn and the defaults kept.
func Load(root string, warn func(string)) *Config {
	return Defaults(root)
}

// Defaults is the generic configuration for root.
func Defaults(root string) *Config {
	return &Config{
		Stamp: stamp.Generic(),
		Paths: Paths{
			ExecutionState: root + "/dos.state.yaml",
			PlansGlob:      "docs/**/*-plan.md",
			LaneJournal:    root + "/.dos/lane-journal.jsonl",
		},
	}
}
