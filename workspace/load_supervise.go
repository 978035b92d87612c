package workspace

import (
	"math"
	"strings"
)

// SuperviseConfig is the [supervise] table: the supervisor's policy for
// dos loop (and the watchdog's launch of workers).
type SuperviseConfig struct {
	// Target is how many live workers the roster should hold (default 1).
	Target int
	// CountSpinningAsAlive counts a spinning worker toward the target
	// (default true).
	CountSpinningAsAlive bool
	// ReapStalled reaps dead workers and refills their lanes (default true).
	ReapStalled bool
	// SpinHaltAfterMS proposes halting a worker spinning this long; 0 (the
	// default) is off. spin_halt_after_minutes sets it in minutes.
	SpinHaltAfterMS int64
	// WorkerLaunchTemplate is the command a SPAWN runs, with {lane}
	// replaced by the lane (default "/dos-dispatch-loop --lane {lane}").
	WorkerLaunchTemplate string
	// MaxConcurrency lets repeatable (auto-pick) lanes hold this many
	// workers; 0 (the default) is off.
	MaxConcurrency int
}

// DefaultLaunchTemplate is the default worker_launch_template.
const DefaultLaunchTemplate = "/dos-dispatch-loop --lane {lane}"

// DefaultSupervise is the [supervise] table's default.
func DefaultSupervise() SuperviseConfig {
	return SuperviseConfig{Target: 1, CountSpinningAsAlive: true, ReapStalled: true, WorkerLaunchTemplate: DefaultLaunchTemplate}
}

// loadSupervise overrides [supervise] per key. spin_halt_after_ms and
// spin_halt_after_minutes are one setting (not both); the launch template
// must name {lane}; max_concurrency, when given, is at least 1.
func loadSupervise(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	s := c.Supervise
	t.count("target", &s.Target)
	t.boolean("count_spinning_as_alive", &s.CountSpinningAsAlive)
	t.boolean("reap_stalled", &s.ReapStalled)
	if t.has("spin_halt_after_ms") && t.has("spin_halt_after_minutes") {
		t.fail("spin_halt_after_minutes", "give spin_halt_after_ms or spin_halt_after_minutes, not both")
	}
	t.millis("spin_halt_after_ms", &s.SpinHaltAfterMS)
	minutes := -1.0
	t.number("spin_halt_after_minutes", &minutes)
	if t.has("spin_halt_after_minutes") && t.err == nil {
		if minutes < 0 || minutes*60_000 > math.MaxInt64/2 {
			t.fail("spin_halt_after_minutes", "want zero or more minutes, got %v", minutes)
		} else {
			s.SpinHaltAfterMS = int64(minutes * 60_000)
		}
	}
	t.str("worker_launch_template", &s.WorkerLaunchTemplate)
	if t.err == nil && !strings.Contains(s.WorkerLaunchTemplate, "{lane}") {
		t.fail("worker_launch_template", "must contain {lane}, got %q", s.WorkerLaunchTemplate)
	}
	if t.has("max_concurrency") {
		n := 0
		t.count("max_concurrency", &n)
		if t.err == nil && n < 1 {
			t.fail("max_concurrency", "want 1 or more, got %d", n)
		}
		s.MaxConcurrency = n
	}
	if err := t.done(); err != nil {
		return err
	}
	c.Supervise = s
	return nil
}
