package workspace

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
)

// loadLanes replaces the lane taxonomy; keys left out are empty.
func loadLanes(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	l := Lanes{Concurrent: []string{}, Exclusive: []string{}, Autopick: []string{},
		Trees: map[string][]string{}, Aliases: map[string]string{}}
	t.strs("concurrent", &l.Concurrent)
	t.strs("exclusive", &l.Exclusive)
	t.strs("autopick", &l.Autopick)
	if tv, ok := t.get("trees"); ok {
		tt, err := asTable(tv)
		if err != nil {
			return fmt.Errorf("trees: %w", err)
		}
		for _, lane := range slices.Sorted(maps.Keys(tt.m)) {
			tt.strs(lane, new([]string))
			if tt.err != nil {
				return fmt.Errorf("trees.%w", tt.err)
			}
			l.Trees[lane], _ = stringList(tt.m[lane])
		}
	}
	if av, ok := t.get("aliases"); ok {
		at, err := asTable(av)
		if err != nil {
			return fmt.Errorf("aliases: %w", err)
		}
		for _, kw := range slices.Sorted(maps.Keys(at.m)) {
			var lane string
			at.str(kw, &lane)
			if at.err != nil {
				return fmt.Errorf("aliases.%w", at.err)
			}
			l.Aliases[kw] = lane
		}
	}
	if err := t.done(); err != nil {
		return err
	}
	if n := l.count(); n > MaxLanes {
		return fmt.Errorf("%d lanes declared, more than the %d dos admits among", n, MaxLanes)
	}
	c.Lanes = l
	return nil
}

// MaxLanes is the most lanes a [lanes] table may declare. Admission and
// lint compare lanes pairwise; a taxonomy is a few dozen lanes.
const MaxLanes = 1000

// count is the number of distinct lane names in l.
func (l Lanes) count() int {
	seen := map[string]bool{}
	for _, names := range [][]string{l.Concurrent, l.Exclusive, l.Autopick, slices.Collect(maps.Keys(l.Trees))} {
		for _, n := range names {
			seen[n] = true
		}
	}
	return len(seen)
}

// pathKeys are the [paths] keys holding a path joined to the root.
var pathKeys = []struct {
	key string
	dst func(*Paths) *string
}{
	{"execution_state", func(p *Paths) *string { return &p.ExecutionState }},
	{"findings_queue", func(p *Paths) *string { return &p.FindingsQueue }},
	{"fanout_runs", func(p *Paths) *string { return &p.FanoutRuns }},
	{"dispatch_loops", func(p *Paths) *string { return &p.DispatchLoops }},
	{"chained_runs", func(p *Paths) *string { return &p.ChainedRuns }},
	{"next_packets", func(p *Paths) *string { return &p.NextPackets }},
	{"replan_dir", func(p *Paths) *string { return &p.ReplanDir }},
	{"soaks_index", func(p *Paths) *string { return &p.SoaksIndex }},
	{"picker_audits", func(p *Paths) *string { return &p.PickerAudits }},
	{"archive_lock", func(p *Paths) *string { return &p.ArchiveLock }},
	{"lane_journal", func(p *Paths) *string { return &p.LaneJournal }},
	{"leases_dir", func(p *Paths) *string { return &p.LeasesDir }},
	{"project_card", func(p *Paths) *string { return &p.ProjectCard }},
	{"verdict_journal", func(p *Paths) *string { return &p.VerdictJournal }},
}

// loadPaths overrides layout paths per key. Relative values join the state
// root; plans_glob stays a glob relative to it. root and style are fixed by
// the base.
func loadPaths(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	p := c.Paths
	for _, k := range []string{"root", "style"} {
		if _, ok := t.m[k]; ok {
			return fmt.Errorf("%s cannot be set in dos.toml", k)
		}
	}
	t.str("plans_glob", &p.PlansGlob)
	for _, pk := range pathKeys {
		var s string
		t.str(pk.key, &s)
		if t.err != nil {
			break
		}
		if _, ok := t.m[pk.key]; !ok {
			continue
		}
		if s == "" {
			return fmt.Errorf("%s: want a path, got an empty string", pk.key)
		}
		if !filepath.IsAbs(s) {
			s = filepath.Join(p.Root, s)
		}
		*pk.dst(&p) = filepath.Clean(s)
	}
	if err := t.done(); err != nil {
		return err
	}
	if p.PlansGlob == "" {
		return errors.New("plans_glob: want a glob, got an empty string")
	}
	c.Paths = p
	return nil
}

// loadStamp overrides the stamp grammar per key; lists replace.
func loadStamp(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	s := c.Stamp
	t.str("style", &s.Style)
	t.strs("subject_dirs", &s.SubjectDirs)
	t.strs("summary_bundle_prefixes", &s.SummaryBundlePrefixes)
	t.strs("bookkeeping_prefixes", &s.BookkeepingPrefixes)
	t.strs("code_dirs", &s.CodeDirs)
	t.strs("infra_basenames", &s.InfraBasenames)
	t.strs("infra_doc_basenames", &s.InfraDocBasenames)
	t.strs("progress_markers", &s.ProgressMarkers)
	t.boolean("sub_phase_parent_fallback", &s.SubPhaseParentFallback)
	t.boolean("trailer_stamp", &s.TrailerStamp)
	if err := t.done(); err != nil {
		return err
	}
	c.Stamp = s
	return nil
}

// loadVerify overrides [verify] per key. Unlike the reference, an unknown
// key is an error, so a misspelt allow_empty cannot pass unnoticed.
func loadVerify(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	vc := c.Verify
	t.boolean("allow_empty", &vc.AllowEmpty)
	t.strs("ignore_paths", &vc.IgnorePaths)
	t.str("non_git_oracle", &vc.NonGitOracle)
	t.str("exec_cmd", &vc.ExecCmd)
	t.boolean("prefer_artifact_rung", &vc.PreferArtifactRung)
	if err := t.done(); err != nil {
		return err
	}
	c.Verify = vc
	return nil
}

// loadOverlap overrides the admission overlap policy per key. ratio_max
// must lie in [0, 1]; 0 (the default) refuses any shared write prefix.
func loadOverlap(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	o := c.Overlap
	t.number("ratio_max", &o.RatioMax)
	t.str("policy", &o.Policy)
	if err := t.done(); err != nil {
		return err
	}
	if o.RatioMax < 0 || o.RatioMax > 1 {
		return fmt.Errorf("ratio_max: want a number from 0 to 1, got %v", o.RatioMax)
	}
	c.Overlap = o
	return nil
}

// loadSelfModify overrides [self_modify] per key.
func loadSelfModify(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	s := c.SelfModify
	t.strs("protect", &s.Protect)
	if err := t.done(); err != nil {
		return err
	}
	c.SelfModify = s
	return nil
}

// loadPlan overrides [plan]; source must be a non-empty name.
func loadPlan(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	p := c.Plan
	t.str("source", &p.Source)
	if err := t.done(); err != nil {
		return err
	}
	if p.Source == "" {
		return errors.New("source: want a plan-source name, got an empty string")
	}
	c.Plan = p
	return nil
}
