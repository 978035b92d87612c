package admission

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
)

const third = 1.0 / 3

// specTaxonomy is the [lanes] example of the spec's §1.
func specTaxonomy() Taxonomy {
	return Taxonomy{
		Concurrent: []string{"api", "worker", "docs"},
		Exclusive:  []string{"global", "infra"},
		Autopick:   []string{"api", "worker"},
		Trees: map[string][]string{
			"api": {"src/api/**"}, "worker": {"src/worker/**"}, "docs": {"docs/**"},
			"infra": {"infra/**"}, "global": {"**/*"},
		},
		Aliases: map[string]string{"w": "worker"},
	}
}

// initTaxonomy is what dos init derives for a repo with docs/ and src/.
func initTaxonomy() Taxonomy {
	return Taxonomy{
		Concurrent: []string{"docs", "src"},
		Exclusive:  []string{"global"},
		Autopick:   []string{"docs", "src"},
		Trees:      map[string][]string{"docs": {"docs/**"}, "src": {"src/**"}, "global": {"**/*"}},
	}
}

func held(lane, kind string, tree ...string) lease.Lease {
	return lease.Lease{Lane: lane, LaneKind: kind, Tree: tree, LoopTS: "2026-11-25T20:00:00Z", Holder: "other"}
}

type want struct {
	outcome, lane, kind, class string
	auto                       bool
	reason                     string   // substring
	free                       []string // nil: not checked
}

func check(t *testing.T, name string, d Decision, w want) {
	t.Helper()
	if d.Outcome != w.outcome || d.Lane != w.lane || d.LaneKind != w.kind || d.ReasonClass != w.class || d.AutoPicked != w.auto {
		t.Errorf("%s: got %s lane=%q kind=%q class=%q auto=%v (%s); want %s lane=%q kind=%q class=%q auto=%v",
			name, d.Outcome, d.Lane, d.LaneKind, d.ReasonClass, d.AutoPicked, d.Reason, w.outcome, w.lane, w.kind, w.class, w.auto)
	}
	if !strings.Contains(d.Reason, w.reason) {
		t.Errorf("%s: reason %q lacks %q", name, d.Reason, w.reason)
	}
	if w.free != nil && !slices.Equal(d.FreeClusters, w.free) {
		t.Errorf("%s: free_clusters = %q, want %q", name, d.FreeClusters, w.free)
	}
	if d.Outcome == Refuse && (d.Lane != "" || d.LaneKind != "" || len(d.Tree) != 0 || d.AutoPicked) {
		t.Errorf("%s: a refusal must carry no lane, kind or tree: %+v", name, d)
	}
	if d.Outcome == Refuse && reasons.Default().CategoryFor(d.ReasonClass) == reasons.Unclassified {
		t.Errorf("%s: refusal class %q is not in the reason registry", name, d.ReasonClass)
	}
}

// The observed outcomes of §4.5, replayed at the reference's 1/3 ratio,
// with the product decisions where they differ (noted per case).
func TestArbitrateSpecVectors(t *testing.T) {
	tax, p := specTaxonomy(), Policy{RatioMax: third}
	api := held("api", "cluster", "src/api/**")
	cases := []struct {
		name string
		req  Request
		live []lease.Lease
		w    want
	}{
		// reference: a busy named lane was swapped for a free one with exit 0;
		// product decision 7 (revised): refused, the free lanes listed.
		{"busy cluster refused", Request{Lane: "api", Kind: "cluster"}, []lease.Lease{api},
			want{Refuse, "", "", reasons.SameLaneHeld, false, "lane 'api' is already held by a live loop — pick a different --lane or wait. Free lanes of its cluster: worker, docs — take one with --lane worker, or pass --auto to let dos pick.", []string{"worker"}}},
		{"busy cluster, --auto redirects", Request{Lane: "api", Kind: "cluster", Auto: true}, []lease.Lease{api},
			want{Acquire, "worker", "cluster", "", true, "auto-picked free cluster lane 'worker' (requested 'api' was busy).", nil}},
		{"--exact beats --auto", Request{Lane: "api", Auto: true, Exact: true}, []lease.Lease{api},
			want{Refuse, "", "", reasons.SameLaneHeld, false, "already held", nil}},
		// reference: auto-picked api; product decision 7: UNKNOWN_LANE.
		{"unknown lane, no kind", Request{Lane: "nosuch"}, nil,
			want{Refuse, "", "", reasons.UnknownLane, false, "Known lanes: api, docs, global, infra, worker", []string{"api", "worker"}}},
		{"unknown lane, keyword", Request{Lane: "nosuch", Kind: "keyword"}, nil,
			want{Refuse, "", "", reasons.UnknownLane, false, "'nosuch' is not a lane in this workspace", nil}},
		{"refused cluster lane lists the free ones", Request{Lane: "docs"}, []lease.Lease{held("notes", "keyword", "docs/**")},
			want{Refuse, "", "", reasons.ExactGlob, false, "cannot share live lane 'notes'", nil}},
		{"refused cluster lane, --auto redirects", Request{Lane: "docs", Auto: true}, []lease.Lease{held("notes", "keyword", "docs/**")},
			want{Acquire, "api", "cluster", "", true, "(requested 'docs' was refused: lane 'docs' cannot share live lane 'notes'", nil}},
		// reference: "the requested lane 'worker' is held"; ours names the overlap.
		{"whole-repo lease blocks all", Request{Lane: "worker"}, []lease.Lease{held("hack", "keyword", "**/*")},
			want{Refuse, "", "", reasons.Overlap, false, "cannot share live lane 'hack'", []string{"api", "worker"}}},
		{"whole-repo lease, --auto", Request{Lane: "worker", Auto: true}, []lease.Lease{held("hack", "keyword", "**/*")},
			want{Refuse, "", "", reasons.Overlap, false, "cannot share live lane 'hack'", []string{"api", "worker", "docs"}}},
		{"free cluster admitted", Request{Lane: "docs"}, []lease.Lease{api},
			want{Acquire, "docs", "cluster", "", false, "cluster lane 'docs' free — admitted.", nil}},
		{"bare request", Request{}, []lease.Lease{api},
			want{Acquire, "worker", "cluster", "", true, "(bare invocation)", nil}},
		{"alias resolves", Request{Lane: "w"}, []lease.Lease{api},
			want{Acquire, "worker", "cluster", "", false, "cluster lane 'worker' free", nil}},
		// reference: lane names were case-folded ("ss" reached "ß"); ours
		// match exactly, so a request never lands on a lane it did not name.
		{"names match exactly", Request{Lane: "INFRA"}, nil,
			want{Refuse, "", "", reasons.UnknownLane, false, "'INFRA' is not a lane", nil}},
		{"exact name, tree found", Request{Lane: "infra"}, nil,
			want{Acquire, "infra", "infra", "", false, "exclusive lane 'infra'", nil}},
		{"keyword with tree", Request{Lane: "scratch", Kind: "keyword", Tree: []string{"scratch/**"}}, []lease.Lease{api},
			want{Acquire, "scratch", "keyword", "", false, "keyword lane 'scratch' admitted", nil}},
		{"keyword overlapping", Request{Lane: "fix", Kind: "keyword", Tree: []string{"src/api/x.go"}}, []lease.Lease{api},
			want{Refuse, "", "", reasons.Overlap, false, "Use a free cluster lane instead.", nil}},
		{"exact glob", Request{Lane: "fix", Kind: "keyword", Tree: []string{"src/api/**", "a", "b", "c"}}, []lease.Lease{api},
			want{Refuse, "", "", reasons.ExactGlob, false, "exact-glob overlap", nil}},
		{"held, keyword kind", Request{Lane: "api", Kind: "keyword"}, []lease.Lease{api},
			want{Refuse, "", "", reasons.SameLaneHeld, false, "lane 'api' is already held", []string{"worker"}}},
		{"held, exact", Request{Lane: "api", Exact: true}, []lease.Lease{api},
			want{Refuse, "", "", reasons.SameLaneHeld, false, "already held", nil}},
		{"all held", Request{Lane: "api"}, []lease.Lease{api, held("worker", "cluster", "src/worker/**")},
			want{Refuse, "", "", reasons.SameLaneHeld, false, "Free lanes of its cluster: docs — take one with --lane docs", []string{}}},
		{"all held, --auto", Request{Lane: "api", Auto: true}, []lease.Lease{api, held("worker", "cluster", "src/worker/**")},
			want{Refuse, "", "", reasons.NoFreeLane, false, "other concurrent cluster lanes are free (docs)", []string{"docs"}}},
		{"own lease never blocks", Request{Lane: "api", Owner: "other"}, []lease.Lease{api},
			want{Acquire, "api", "cluster", "", false, "cluster lane 'api' free", nil}},
		{"forced over a held lane", Request{Lane: "api", Force: true}, []lease.Lease{api},
			want{Acquire, "api", "cluster", "", false, "FORCED lane 'api' (operator --force; lane concern overridden, same-lane sibling present", nil}},
		{"forced exclusive keeps its kind", Request{Lane: "infra", Force: true}, []lease.Lease{api},
			want{Acquire, "infra", "infra", "", false, "FORCED", nil}},
		{"force cannot beat exclusive live", Request{Lane: "api", Force: true}, []lease.Lease{held("infra", "infra", "infra/**")},
			want{Refuse, "", "", reasons.ExclusiveLive, false, "(--force cannot override an exclusive live lane.)", []string{}}},
		// reference: a lease on infra journaled with kind "" did not exclude.
		{"exclusive by lane name", Request{Lane: "api"}, []lease.Lease{held("infra", "", "infra/**")},
			want{Refuse, "", "", reasons.ExclusiveLive, false, "an exclusive lane is live (lane='infra'", nil}},
		{"global lease excludes even when undeclared", Request{Lane: "api"}, []lease.Lease{held("x", "global", "**/*")},
			want{Refuse, "", "", reasons.ExclusiveLive, false, "exclusive lane is live", nil}},
		{"exclusive request needs empty board", Request{Lane: "infra"}, []lease.Lease{api},
			want{Refuse, "", "", reasons.ExclusiveLive, false, "'infra' is an exclusive lane; 1 loop(s) already live", nil}},
		{"kind global", Request{Kind: "global"}, nil,
			want{Acquire, "global", "global", "", false, "exclusive lane 'global' — no other loop live, admitted.", nil}},
	}
	for _, c := range cases {
		check(t, c.name, Arbitrate(c.req, c.live, tax, p), c.w)
	}
}

// Product decision 7 (revised): a refused named lane lists the lanes of
// its cluster a request could be granted now, in ladder order, without
// held lanes, lanes the predicates refuse, or exclusive lanes.
func TestArbitrateFreeLanes(t *testing.T) {
	tax := specTaxonomy()
	api := held("api", "cluster", "src/api/**")
	for _, c := range []struct {
		name string
		req  Request
		live []lease.Lease
		want []string
	}{
		{"busy", Request{Lane: "api"}, []lease.Lease{api}, []string{"worker", "docs"}},
		{"busy, one blocked", Request{Lane: "api"}, []lease.Lease{api, held("notes", "keyword", "docs/x")}, []string{"worker"}},
		{"refused by overlap", Request{Lane: "worker"}, []lease.Lease{held("w2", "keyword", "src/worker/a")}, []string{"api", "docs"}},
		{"nothing free", Request{Lane: "api"}, []lease.Lease{api, held("all", "keyword", "**")}, []string{}},
		{"own lease frees it", Request{Lane: "api", Owner: "other"}, []lease.Lease{api}, nil},
	} {
		d := Arbitrate(c.req, c.live, tax, Policy{})
		if !slices.Equal(d.FreeLanes, c.want) || (c.want == nil) != (d.FreeLanes == nil) {
			t.Errorf("%s: free_lanes = %q, want %q (%s)", c.name, d.FreeLanes, c.want, d.Reason)
		}
	}
}

// Issue 7 item 3: a tree outside the repository is never granted, even
// on an empty board or with --force; it would collide with every lane.
func TestArbitrateTreeOutside(t *testing.T) {
	tax := specTaxonomy()
	tax.Trees["docs"] = []string{"../elsewhere/**"}
	for _, req := range []Request{
		{Lane: "x", Kind: "keyword", Tree: []string{"../outside/**"}},
		{Lane: "x", Kind: "keyword", Tree: []string{"ok/**", "/etc/**"}},
		{Lane: "api", Tree: []string{"src/../../x/**"}},
		{Lane: "docs"},
		{Lane: "docs", Force: true},
		{Kind: "global", Tree: []string{"../x"}},
	} {
		d := Arbitrate(req, nil, tax, Policy{})
		if d.Granted() || d.ReasonClass != reasons.EmptyTree || !strings.Contains(d.Reason, "leaves the repository") {
			t.Errorf("%+v: %s %s %s", req, d.Outcome, d.ReasonClass, d.Reason)
		}
	}
	// a lane the caller found leading outside through a link is never
	// granted, named or auto-picked; a request's own tree replaces it.
	tax = specTaxonomy()
	tax.Uncertified = map[string]string{"api": "tree entry \"src/api/**\" leaves the repository through a link"}
	for _, req := range []Request{{Lane: "api"}, {Lane: "api", Force: true}, {Lane: "api", Exact: true}} {
		if d := Arbitrate(req, nil, tax, Policy{}); d.Granted() || !strings.Contains(d.Reason, "through a link") {
			t.Errorf("%+v: %s", req, d.Reason)
		}
	}
	if d := Arbitrate(Request{}, nil, tax, Policy{}); d.Lane != "worker" {
		t.Errorf("bare request auto-picked %q past an uncertified lane", d.Lane)
	}
	if d := Arbitrate(Request{Lane: "api", Tree: []string{"src/api/ok/**"}}, nil, tax, Policy{}); !d.Granted() {
		t.Errorf("own tree: %s", d.Reason)
	}
	// "src/../src/x" stays inside and is granted.
	if d := Arbitrate(Request{Lane: "x", Kind: "keyword", Tree: []string{"src/../src/x/**"}}, nil, tax, Policy{}); !d.Granted() {
		t.Errorf("src/../src/x/**: %s", d.Reason)
	}
}

func TestArbitrateStrictDefault(t *testing.T) {
	tax := specTaxonomy()
	live := []lease.Lease{held("fix", "keyword", "src/api/a.go", "x/1", "x/2")}
	// 1 of 3 shared: the reference's ratio admits, strict refuses.
	req := Request{Lane: "hot", Kind: "keyword", Tree: []string{"src/api/**", "y/1", "y/2"}}
	check(t, "parity", Arbitrate(req, live, tax, Policy{RatioMax: third}),
		want{Acquire, "hot", "keyword", "", false, "admitted", nil})
	check(t, "strict", Arbitrate(req, live, tax, Policy{}),
		want{Refuse, "", "", reasons.Overlap, false, "threshold 0%", nil})
}

// After dos init: global is granted on an empty board and an exclusive
// lane excludes in both directions.
func TestArbitrateInitTaxonomy(t *testing.T) {
	tax, p := initTaxonomy(), Policy{}
	d := Arbitrate(Request{Lane: "global"}, nil, tax, p)
	check(t, "global on empty board", d, want{Acquire, "global", "global", "", false, "no other loop live", nil})
	g := lease.Lease{Lane: d.Lane, LaneKind: d.LaneKind, Tree: d.Tree, Holder: "A"}
	check(t, "global excludes src", Arbitrate(Request{Lane: "src", Owner: "B"}, []lease.Lease{g}, tax, p),
		want{Refuse, "", "", reasons.ExclusiveLive, false, "exclusive lane is live", []string{}})
	check(t, "global excludes bare", Arbitrate(Request{Owner: "B"}, []lease.Lease{g}, tax, p),
		want{Refuse, "", "", reasons.ExclusiveLive, false, "exclusive lane is live", nil})
	s := lease.Lease{Lane: "src", LaneKind: "cluster", Tree: []string{"src/**"}, Holder: "A"}
	check(t, "src excludes global", Arbitrate(Request{Lane: "global", Owner: "B"}, []lease.Lease{s}, tax, p),
		want{Refuse, "", "", reasons.ExclusiveLive, false, "must run alone", nil})

	// the quickstart: A takes src, B is handed docs, C is refused.
	a := Arbitrate(Request{Lane: "src", Owner: "A"}, nil, tax, p)
	check(t, "A", a, want{Acquire, "src", "cluster", "", false, "admitted", nil})
	live := []lease.Lease{{Lane: a.Lane, LaneKind: a.LaneKind, Tree: a.Tree, Holder: "A"}}
	check(t, "B named", Arbitrate(Request{Lane: "src", Owner: "B"}, live, tax, p),
		want{Refuse, "", "", reasons.SameLaneHeld, false, "Free lanes of its cluster: docs", nil})
	b := Arbitrate(Request{Lane: "src", Owner: "B", Auto: true}, live, tax, p)
	check(t, "B", b, want{Acquire, "docs", "cluster", "", true, "(requested 'src' was busy)", nil})
	live = append(live, lease.Lease{Lane: b.Lane, LaneKind: b.LaneKind, Tree: b.Tree, Holder: "B"})
	check(t, "C", Arbitrate(Request{Lane: "src", Owner: "C", Auto: true}, live, tax, p),
		want{Refuse, "", "", reasons.NoFreeLane, false, "all concurrent cluster lanes are held", []string{}})
	check(t, "C named", Arbitrate(Request{Lane: "src", Owner: "C"}, live, tax, p),
		want{Refuse, "", "", reasons.SameLaneHeld, false, "No other lane of its cluster is free now", []string{}})
	check(t, "B exact", Arbitrate(Request{Lane: "src", Owner: "B", Exact: true}, live[:1], tax, p),
		want{Refuse, "", "", reasons.SameLaneHeld, false, "already held", nil})
}

func TestArbitrateSelfModify(t *testing.T) {
	generic := Taxonomy{
		Concurrent: []string{"main"}, Exclusive: []string{"global"}, Autopick: []string{"main"},
		Trees: map[string][]string{"main": {"**/*"}, "global": {"**/*"}},
	}
	p := Policy{Protect: []string{"src/dos/arbiter.py"}}
	check(t, "main", Arbitrate(Request{Lane: "main", Exact: true}, nil, generic, p),
		want{Refuse, "", "", reasons.SelfModify, false, "would edit the orchestrator's own running code (src/dos/arbiter.py)", nil})
	check(t, "main, redirect finds nothing", Arbitrate(Request{Lane: "main"}, nil, generic, p),
		want{Refuse, "", "", reasons.SelfModify, false, "src/dos/arbiter.py", nil})
	check(t, "global", Arbitrate(Request{Lane: "global"}, nil, generic, p),
		want{Refuse, "", "", reasons.SelfModify, false, "src/dos/arbiter.py", nil})
	check(t, "nothing protected", Arbitrate(Request{Lane: "global"}, nil, generic, Policy{}),
		want{Acquire, "global", "global", "", false, "admitted", nil})
	tax := specTaxonomy()
	check(t, "disjoint from protected", Arbitrate(Request{Lane: "docs"}, nil, tax, p),
		want{Acquire, "docs", "cluster", "", false, "admitted", nil})
}

func TestArbitrateEmptyTrees(t *testing.T) {
	tax := specTaxonomy()
	tax.Concurrent = append(tax.Concurrent, "bare")
	// a concurrent lane without a tree is never granted as touching nothing.
	check(t, "exact", Arbitrate(Request{Lane: "bare", Exact: true}, nil, tax, Policy{}),
		want{Refuse, "", "", reasons.EmptyTree, false, "declares no tree", nil})
	check(t, "named", Arbitrate(Request{Lane: "bare"}, nil, tax, Policy{}),
		want{Refuse, "", "", reasons.EmptyTree, false, "declares no tree", nil})
	check(t, "redirect", Arbitrate(Request{Lane: "bare", Auto: true}, nil, tax, Policy{}),
		want{Acquire, "api", "cluster", "", true, "(requested 'bare' was refused", nil})
	// a live lease that names no region cannot block.
	check(t, "empty lease", Arbitrate(Request{Lane: "api"}, []lease.Lease{held("odd", "keyword")}, tax, Policy{}),
		want{Acquire, "api", "cluster", "", false, "admitted", nil})
}

func TestSweepPanicRefuses(t *testing.T) {
	pr := Predicate{Name: "boom", Check: func(Candidate, lease.Lease, Policy) Verdict { panic("kaput") }}
	v := runPredicate(pr, Candidate{Lane: "x"}, lease.Lease{}, Policy{})
	if v.Admit || v.ReasonClass != reasons.PredicateFailed || !strings.Contains(v.Reason, "kaput") {
		t.Errorf("panicking predicate gave %+v", v)
	}
	silent := Predicate{Name: "silent", Check: func(Candidate, lease.Lease, Policy) Verdict { return Verdict{} }}
	if v := runPredicate(silent, Candidate{}, lease.Lease{}, Policy{}); v.Admit || v.ReasonClass != reasons.PredicateFailed {
		t.Errorf("classless refusal gave %+v", v)
	}
}

func TestValidKind(t *testing.T) {
	tax := specTaxonomy()
	for k, ok := range map[string]bool{"": true, "cluster": true, "KEYWORD": true, "global": true, "infra": true, "weird": false, "api": false, "named": false} {
		if ValidKind(k, tax) != ok {
			t.Errorf("ValidKind(%q) = %v, want %v", k, !ok, ok)
		}
	}
}

// The JSON keys of the reference's arbitrate output are a contract.
func TestDecisionJSONKeys(t *testing.T) {
	b, err := json.Marshal(Arbitrate(Request{Lane: "nosuch"}, nil, specTaxonomy(), Policy{}))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"auto_picked", "free_clusters", "lane", "lane_kind", "outcome", "pick_count", "reason", "tree", "reason_class", "requested_lane", "known_lanes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("decision JSON lacks %q: %s", k, b)
		}
	}
	if m["pick_count"] != nil || m["tree"] == nil {
		t.Errorf("pick_count must be null and tree a list: %s", b)
	}
}

func TestInterpret(t *testing.T) {
	tax := specTaxonomy()
	for _, c := range []struct {
		d    Decision
		j    bool
		want []string
	}{
		{Arbitrate(Request{Lane: "api"}, nil, tax, Policy{}), false, []string{"GO — you may take lane 'api'", "Nothing was journaled", "dos lease-lane acquire --lane api"}},
		{Arbitrate(Request{}, nil, tax, Policy{}), true, []string{"GO — you may take lane 'api' (auto-picked", "journaled"}},
		{Arbitrate(Request{Lane: "api", Force: true}, nil, tax, Policy{}), false, []string{"GO", "forced"}},
		{Arbitrate(Request{Lane: "zzz"}, nil, tax, Policy{}), false, []string{"STOP — unknown lane; choose one of: api, docs"}},
		{Arbitrate(Request{Lane: "api", Exact: true}, []lease.Lease{held("api", "cluster", "src/api/**")}, tax, Policy{}), false,
			[]string{"STOP — do not start this work (SAME_LANE_HELD)", "Free lanes you could take instead: worker, docs (ask for one by name, or pass --auto)."}},
		{Arbitrate(Request{Lane: "api"}, []lease.Lease{held("all", "keyword", "**")}, tax, Policy{}), false,
			[]string{"STOP", "No free lane now"}},
	} {
		got := Interpret(c.d, c.j)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("Interpret(%s %s) = %q, lacks %q", c.d.Outcome, c.d.Lane, got, w)
			}
		}
	}
}

func TestArbitrateClassBudgets(t *testing.T) {
	tax := specTaxonomy()
	api := held("api", "cluster", "src/api/**")
	p := Policy{Budgets: map[string]int{"Cluster": 1}}
	check(t, "at cap, exact", Arbitrate(Request{Lane: "worker", Exact: true}, []lease.Lease{api}, tax, p),
		want{Refuse, "", "", reasons.ClassBudgetExhausted, false, "kind 'cluster' is at its concurrency budget (1 live, max 1)", nil})
	check(t, "at cap, ladder", Arbitrate(Request{}, []lease.Lease{api}, tax, p),
		want{Refuse, "", "", reasons.ClassBudgetExhausted, false, "no lane could be granted: kind 'cluster' is at its concurrency budget", nil})
	check(t, "other kind", Arbitrate(Request{Lane: "x", Kind: "keyword", Tree: []string{"x/**"}}, []lease.Lease{api}, tax, p),
		want{Acquire, "x", "keyword", "", false, "admitted", nil})
	check(t, "under cap", Arbitrate(Request{Lane: "worker"}, nil, tax, p),
		want{Acquire, "worker", "cluster", "", false, "admitted", nil})
	check(t, "zero admits none", Arbitrate(Request{Lane: "global"}, nil, tax, Policy{Budgets: map[string]int{"global": 0}}),
		want{Refuse, "", "", reasons.ClassBudgetExhausted, false, "max 0", nil})
	check(t, "force ignores budgets", Arbitrate(Request{Lane: "worker", Force: true}, []lease.Lease{api}, tax, p),
		want{Acquire, "worker", "cluster", "", false, "FORCED", nil})
}

func BenchmarkArbitrate(b *testing.B) {
	tax := Taxonomy{Trees: map[string][]string{}}
	var live []lease.Lease
	for i := range 200 {
		name := fmt.Sprintf("l%03d", i)
		tax.Concurrent = append(tax.Concurrent, name)
		tax.Autopick = append(tax.Autopick, name)
		tax.Trees[name] = []string{fmt.Sprintf("pkg/%s/**", name), fmt.Sprintf("docs/%s/**", name)}
		if i < 150 {
			live = append(live, lease.Lease{Lane: name, LaneKind: "cluster", Tree: tax.Trees[name]})
		}
	}
	b.Run("auto", func(b *testing.B) {
		for b.Loop() {
			if d := Arbitrate(Request{Lane: "l000", Auto: true}, live, tax, Policy{}); !d.Granted() {
				b.Fatal(d.Reason)
			}
		}
	})
	// a busy named lane is refused with the 50 free lanes worked out.
	b.Run("busy", func(b *testing.B) {
		for b.Loop() {
			if d := Arbitrate(Request{Lane: "l000"}, live, tax, Policy{}); len(d.FreeLanes) != 50 {
				b.Fatal(d.Reason)
			}
		}
	})
}
