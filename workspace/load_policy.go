package workspace

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// loadEnumerate overrides [enumerate] per key.
func loadEnumerate(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	e := c.Enumerate
	if hv, ok := t.get("heading_levels"); ok {
		l, ok := hv.([]any)
		if !ok {
			return fmt.Errorf("heading_levels: want a list of numbers, got %s", typeName(hv))
		}
		e.HeadingLevels = make([]int, 0, len(l))
		for _, x := range l {
			n, ok := x.(int64)
			if !ok || n < 1 || n > 6 {
				return fmt.Errorf("heading_levels: want levels from 1 to 6, got %v", x)
			}
			e.HeadingLevels = append(e.HeadingLevels, int(n))
		}
	}
	t.boolean("scan_tables", &e.ScanTables)
	t.boolean("generic_numeric_table", &e.GenericNumericTable)
	t.boolean("bare_phase_fallback", &e.BarePhaseFallback)
	t.boolean("rollup_parents", &e.RollupParents)
	t.str("style", &e.Style)
	if err := t.done(); err != nil {
		return err
	}
	c.Enumerate = e
	return nil
}

// loadCooldown overrides [cooldown] per key.
func loadCooldown(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	cd := c.Cooldown
	t.duration("window_ms", "window_hours", time.Hour, &cd.Window)
	t.duration("error_window_ms", "error_window_minutes", time.Minute, &cd.ErrorWindow)
	if err := t.done(); err != nil {
		return err
	}
	c.Cooldown = cd
	return nil
}

// loadSupervise overrides [supervise] per key.
func loadSupervise(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	s := c.Supervise
	t.count("target", &s.Target)
	t.boolean("count_spinning_as_alive", &s.CountSpinningAsAlive)
	t.boolean("reap_stalled", &s.ReapStalled)
	t.duration("spin_halt_after_ms", "spin_halt_after_minutes", time.Minute, &s.SpinHaltAfter)
	t.str("worker_launch_template", &s.WorkerLaunchTemplate)
	t.count("max_concurrency", &s.MaxConcurrency)
	if err := t.done(); err != nil {
		return err
	}
	c.Supervise = s
	return nil
}

// loadLifecycle replaces [lifecycle]; keys left out take the defaults.
func loadLifecycle(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	l := defaultLifecycle()
	t.strs("classes", &l.Classes)
	if tv, ok := t.get("transitions"); ok {
		list, ok := tv.([]any)
		if !ok {
			return fmt.Errorf("transitions: want a list of tables, got %s", typeName(tv))
		}
		l.Transitions = make([]Transition, 0, len(list))
		for i, e := range list {
			et, err := asTable(e)
			if err != nil {
				return fmt.Errorf("transitions: item %d: %w", i+1, err)
			}
			var tr Transition
			et.str("from", &tr.From)
			et.str("to", &tr.To)
			et.str("trigger", &tr.Trigger)
			et.boolean("auto", &tr.Auto)
			if err := et.done(); err != nil {
				return fmt.Errorf("transitions: item %d: %w", i+1, err)
			}
			if tr.From == "" || tr.To == "" {
				return fmt.Errorf("transitions: item %d: from and to are required", i+1)
			}
			l.Transitions = append(l.Transitions, tr)
		}
	}
	t.str("veto_class", &l.VetoClass)
	t.count("max_transitions_per_cycle", &l.MaxTransitionsPerCycle)
	t.number("per_plan_cooldown_hours", &l.PerPlanCooldownHours)
	if err := t.done(); err != nil {
		return err
	}
	if l.PerPlanCooldownHours < 0 {
		return errors.New("per_plan_cooldown_hours: want a positive number")
	}
	c.Lifecycle = l
	return nil
}

// loadRetention overrides [retention] per key.
func loadRetention(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	r := c.Retention
	t.count("journal_max_entries", &r.JournalMaxEntries)
	t.number("journal_max_age_days", &r.JournalMaxAgeDays)
	t.count("runs_keep_last", &r.RunsKeepLast)
	t.count("verdicts_keep_last", &r.VerdictsKeepLast)
	t.count("audits_keep_last", &r.AuditsKeepLast)
	t.boolean("projections_compact", &r.ProjectionsCompact)
	if err := t.done(); err != nil {
		return err
	}
	if r.JournalMaxAgeDays < 0 {
		return errors.New("journal_max_age_days: want a positive number")
	}
	c.Retention = r
	return nil
}

// loadDataClass overrides [data_class] per key.
func loadDataClass(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	d := c.DataClass
	t.strs("trajectory_patterns", &d.TrajectoryPatterns)
	t.strs("audit_patterns", &d.AuditPatterns)
	t.strs("baseline_patterns", &d.BaselinePatterns)
	t.strs("product_patterns", &d.ProductPatterns)
	t.str("default_class", &d.DefaultClass)
	if err := t.done(); err != nil {
		return err
	}
	c.DataClass = d
	return nil
}

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

// BuiltinInterventions are the intervention rungs every workspace has, in
// rank order.
var BuiltinInterventions = []string{"OBSERVE", "WARN", "BLOCK", "DEFER"}

// loadInterventions adds [intervention.<TOKEN>] rungs to the built-ins.
func loadInterventions(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	out := map[string]InterventionDecl{}
	for _, raw := range slices.Sorted(maps.Keys(t.m)) {
		token := strings.ToUpper(strings.TrimSpace(raw))
		switch {
		case token == "":
			return errors.New("an intervention token may not be empty")
		case slices.Contains(BuiltinInterventions, token):
			return fmt.Errorf("%s is built in and cannot be redeclared", token)
		}
		if _, dup := out[token]; dup {
			return fmt.Errorf("%s is declared twice", token)
		}
		it, err := asTable(t.m[raw])
		if err != nil {
			return fmt.Errorf("%s: %w", raw, err)
		}
		d := InterventionDecl{Dispatches: true}
		if !it.has("rank") {
			return fmt.Errorf("%s: rank is required", raw)
		}
		if rv, _ := it.get("rank"); rv != nil {
			n, ok := rv.(int64)
			if !ok || n < -1<<31 || n > 1<<31-1 {
				return fmt.Errorf("%s.rank: want a whole number, got %s", raw, typeName(rv))
			}
			d.Rank = int(n)
		}
		it.str("summary", &d.Summary)
		it.str("actuation", &d.Actuation)
		it.boolean("dispatches", &d.Dispatches)
		it.boolean("returns_synthetic", &d.ReturnsSynthetic)
		it.strs("see_also", &d.SeeAlso)
		if err := it.done(); err != nil {
			return fmt.Errorf("%s.%w", raw, err)
		}
		out[token] = d
	}
	maps.Copy(c.Interventions, out)
	return nil
}

// loadToolStream overrides [tool_stream] per key.
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

// loadPrecursor replaces [precursor].
func loadPrecursor(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	p := Precursor{Requires: map[string][]string{}, Aliases: map[string][]string{}}
	for _, sub := range []struct {
		key string
		dst map[string][]string
	}{{"requires", p.Requires}, {"aliases", p.Aliases}} {
		sv, ok := t.get(sub.key)
		if !ok {
			continue
		}
		st, err := asTable(sv)
		if err != nil {
			return fmt.Errorf("%s: %w", sub.key, err)
		}
		for _, k := range slices.Sorted(maps.Keys(st.m)) {
			l, err := stringList(st.m[k])
			if err != nil {
				return fmt.Errorf("%s.%s: %w", sub.key, k, err)
			}
			sub.dst[k] = l
		}
	}
	if err := t.done(); err != nil {
		return err
	}
	c.Precursor = p
	return nil
}
