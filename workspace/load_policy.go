package workspace

import (
	"fmt"
	"slices"
	"strings"
)

// loadConcurrencyClass replaces [[concurrency_class]].
func loadConcurrencyClass(c *Config, v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want an array of tables ([[concurrency_class]]), got %s", typeName(v))
	}
	out := make([]ConcurrencyClass, 0, len(list))
	for i, e := range list {
		t, err := asTable(e)
		if err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
		var cc ConcurrencyClass
		if !t.has("name") || !t.has("max_concurrent") {
			return fmt.Errorf("item %d: name and max_concurrent are required", i+1)
		}
		t.str("name", &cc.Name)
		t.count("max_concurrent", &cc.MaxConcurrent)
		if err := t.done(); err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
		if strings.TrimSpace(cc.Name) == "" {
			return fmt.Errorf("item %d: name may not be empty", i+1)
		}
		if slices.ContainsFunc(out, func(o ConcurrencyClass) bool { return o.Name == cc.Name }) {
			return fmt.Errorf("item %d: %q is declared twice", i+1, cc.Name)
		}
		out = append(out, cc)
	}
	c.ConcurrencyClasses = out
	return nil
}

// loadToolStream overrides [tool_stream] per key. Thresholds that make no
// sense (repeat_n < 1, stall_n < repeat_n) are refused, keeping the
// defaults.
func loadToolStream(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	ts := c.ToolStream
	t.count("repeat_n", &ts.RepeatN)
	t.count("stall_n", &ts.StallN)
	t.strs("ignore_tools", &ts.IgnoreTools)
	if err := t.done(); err != nil {
		return err
	}
	if ts.RepeatN < 1 || ts.StallN < ts.RepeatN {
		return fmt.Errorf("want 1 <= repeat_n <= stall_n, got repeat_n %d, stall_n %d", ts.RepeatN, ts.StallN)
	}
	c.ToolStream = ts
	return nil
}

// loadMarker overrides [marker] per key.
func loadMarker(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	m := c.Marker
	t.count("max_streak", &m.MaxStreak)
	t.strs("arm_on_env", &m.ArmOnEnv)
	t.boolean("respect_stop_hook_active", &m.RespectStopHookActive)
	if err := t.done(); err != nil {
		return err
	}
	c.Marker = m
	return nil
}

// loadExecCapability reads [exec_capability]: extra, a list of program
// names (or one name) that grant arbitrary execution in this workspace.
func loadExecCapability(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	var e ExecCapability
	t.strs("extra", &e.Extra)
	if err := t.done(); err != nil {
		return err
	}
	for _, n := range e.Extra {
		if strings.TrimSpace(n) == "" {
			return fmt.Errorf("extra: a program name may not be empty")
		}
	}
	c.ExecCapability = e
	return nil
}

// loadHooks overrides [hooks] per key.
func loadHooks(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	h := c.Hooks
	t.boolean("strict_stop", &h.StrictStop)
	if err := t.done(); err != nil {
		return err
	}
	c.Hooks = h
	return nil
}
