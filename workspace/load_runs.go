package workspace

// LivenessConfig is the [liveness] table: the windows of the liveness
// ladder, in milliseconds.
type LivenessConfig struct {
	// GraceMS is how long a run is too young to judge (default 30 min).
	GraceMS int64
	// SpinMS is the largest heartbeat age that still counts as alive
	// (default 15 min).
	SpinMS int64
}

// DefaultLiveness is the [liveness] table's default: grace 30 min, spin
// 15 min, the reference's fixed windows.
func DefaultLiveness() LivenessConfig { return LivenessConfig{GraceMS: 1_800_000, SpinMS: 900_000} }

// loadLiveness overrides [liveness] per key; each window is a whole,
// non-negative number of milliseconds. The reference documents the table
// but never reads it.
func loadLiveness(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	l := c.Liveness
	t.millis("grace_ms", &l.GraceMS)
	t.millis("spin_ms", &l.SpinMS)
	if err := t.done(); err != nil {
		return err
	}
	c.Liveness = l
	return nil
}

// millis reads a whole, non-negative number of milliseconds.
func (t *table) millis(key string, dst *int64) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	n, ok := v.(int64)
	if !ok {
		t.fail(key, "want a whole number of milliseconds, got %s", typeName(v))
		return
	}
	if n < 0 {
		t.fail(key, "want zero or more milliseconds, got %d", n)
		return
	}
	*dst = n
}
