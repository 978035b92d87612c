package lint

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/stamp"
)

// kinds returns "severity KIND subject" for each finding.
func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+" "+string(f.Kind)+" "+f.Subject)
	}
	return out
}

func TestGenericDefaultsAreClean(t *testing.T) {
	in := Input{Lanes: Lanes{
		Concurrent: []string{"main"}, Exclusive: []string{"global"}, Autopick: []string{"main"},
		Trees: map[string][]string{"main": {"**/*"}, "global": {"**/*"}},
	}, Rungs: Rungs{StampStyle: "grep", OverlapPolicy: "prefix", PlanSource: "markdown"}}
	if fs := Check(in); len(fs) != 0 {
		t.Errorf("defaults have findings: %q", kinds(fs))
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want []string
	}{
		{"lane without tree names its roles", Input{Lanes: Lanes{
			Concurrent: []string{"api"}, Autopick: []string{"api", "web"}, Exclusive: []string{"web"},
			Trees: map[string][]string{"web": {"web/**"}},
		}}, []string{"error LANE_WITHOUT_TREE api"}},
		{"exclusive lanes need no tree", Input{Lanes: Lanes{Exclusive: []string{"global"}}}, nil},
		{"both concurrent and exclusive", Input{Lanes: Lanes{
			Concurrent: []string{"global"}, Exclusive: []string{"global"},
			Trees: map[string][]string{"global": {"**/*"}},
		}}, []string{"error LANE_BOTH_CONCURRENT_AND_EXCLUSIVE global"}},
		{"autopick and alias targets undeclared", Input{Lanes: Lanes{
			Concurrent: []string{"api"}, Autopick: []string{"ghost"},
			Trees:   map[string][]string{"api": {"api/**"}, "ghost": {"g/**"}},
			Aliases: map[string]string{"backend": "api", "front": "web"},
		}}, []string{"warn ALIAS_TARGET_UNDECLARED front", "warn AUTOPICK_LANE_UNDECLARED ghost"}},
		{"shadowed lane", Input{Lanes: Lanes{
			Concurrent: []string{"api", "api-auth"},
			Trees:      map[string][]string{"api": {"api/**"}, "api-auth": {`API\auth\**`}},
		}}, []string{"warn LANE_REGION_SHADOWED api-auth"}},
		{"overlapping lanes", Input{Lanes: Lanes{
			Concurrent: []string{"a", "b"},
			Trees:      map[string][]string{"a": {"src/**", "docs/**"}, "b": {"src/x/**", "tests/**"}},
		}}, []string{"warn CONCURRENT_LANES_OVERLAP a+b"}},
		{"identical trees overlap", Input{Lanes: Lanes{
			Concurrent: []string{"a", "b"},
			Trees:      map[string][]string{"a": {"src/**"}, "b": {"./src/*"}},
		}}, []string{"warn CONCURRENT_LANES_OVERLAP a+b"}},
		{"disjoint lanes are clean", Input{Lanes: Lanes{
			Concurrent: []string{"a", "b"},
			Trees:      map[string][]string{"a": {"src/**"}, "b": {"tests/**"}},
		}}, nil},
		{"see_also dangles", Input{
			Lanes:   Lanes{Exclusive: []string{"global"}},
			Reasons: []Reason{{"PARKED", []string{"lane ghost", "lane <name>", "lane global", "meta budget"}}},
		}, []string{"info REASON_SEE_ALSO_DANGLES PARKED"}},
		{"plan numbers", Input{PlanFiles: []string{
			"docs/317_a-plan.md", "docs/x/317_b-plan.md", "docs/12_c-plan.md", "docs/notes-plan.md",
		}}, []string{"warn PLAN_NUMBER_DUPLICATE 317"}},
		{"rungs that do not exist", Input{Rungs: Rungs{
			StampStyle: "regex", OverlapPolicy: "jaccard", PlanSource: "jira", Oracle: "ci_status",
		}}, []string{"error VERIFY_ORACLE_UNKNOWN ci_status", "warn OVERLAP_POLICY_UNKNOWN jaccard",
			"warn PLAN_SOURCE_UNKNOWN jira", "warn STAMP_STYLE_UNKNOWN regex"}},
		{"a known oracle is fine", Input{Rungs: Rungs{Oracle: "ci_status", KnownOracles: []string{"ci_status"}}}, nil},
		{"prefer_artifact_rung alone refuses every subject ship", Input{Rungs: Rungs{PreferArtifact: true}},
			[]string{"warn PREFER_ARTIFACT_REFUSES_ALL prefer_artifact_rung"}},
		{"prefer_artifact_rung with an acceptance command", Input{Rungs: Rungs{PreferArtifact: true, ExecCmd: "make test"}}, nil},
		{"unknown tables", Input{UnknownTables: []string{"lnaes", "lanse"}, KnownTables: []string{"lanes"}},
			[]string{"warn UNKNOWN_TABLE lanse", "warn UNKNOWN_TABLE lnaes"}},
		{"recognised tables are info, apart from unknown ones", Input{
			UnknownTables: []string{"lanse"}, KnownTables: []string{"lanes"},
			RecognisedTables: []string{"marker", "liveness", "marker"},
		}, []string{"warn UNKNOWN_TABLE lanse", "info TABLE_NOT_USED liveness", "info TABLE_NOT_USED marker"}},
		// Issue 7 item 2: a file dos cannot parse is lint's first finding.
		{"unparseable file", Input{Problems: []Problem{{Msg: "line 3, column 7: toml: expected ']'"}}},
			[]string{"error CONFIG_UNREADABLE dos.toml"}},
		{"malformed tables", Input{Problems: []Problem{{Table: "overlap", Msg: "ratio_max"}, {Table: "verify", Msg: "unknown key"}}},
			[]string{"error TABLE_MALFORMED [overlap]", "error TABLE_MALFORMED [verify]"}},
		// Issue 7 item 3: a tree that leaves the repository is an error.
		{"tree outside the repository", Input{Lanes: Lanes{
			Concurrent: []string{"a", "b", "c"},
			Trees:      map[string][]string{"a": {"../outside/**"}, "b": {"b/**"}, "c": {"link/**"}},
			Outside:    map[string]string{"c": "tree entry \"link/**\" leaves the repository through link"},
		}}, []string{"error TREE_OUTSIDE_REPOSITORY a", "error TREE_OUTSIDE_REPOSITORY c"}},
		// Issue 7 item 17: a lane through a link is compared where it leads.
		{"tree through a link overlaps its target", Input{Lanes: Lanes{
			Concurrent: []string{"b", "linkb"},
			Trees:      map[string][]string{"b": {"b/**"}, "linkb": {"linkb/**"}},
			Resolved:   map[string][]string{"linkb": {"b/**"}},
		}}, []string{"warn CONCURRENT_LANES_OVERLAP b+linkb", "warn TREE_THROUGH_LINK linkb"}},
		{"names that differ only in case", Input{Lanes: Lanes{
			Concurrent: []string{"Src", "src", "ß", "ss"},
			Trees:      map[string][]string{"Src": {"a/**"}, "src": {"b/**"}, "ß": {"c/**"}, "ss": {"d/**"}},
		}}, []string{"warn LANE_NAMES_DIFFER_IN_CASE Src+src", "warn LANE_NAMES_DIFFER_IN_CASE ss+ß"}},
		{"'..' inside the repository is compared resolved", Input{Lanes: Lanes{
			Concurrent: []string{"a", "b"},
			Trees:      map[string][]string{"a": {"src/../lib/**"}, "b": {"lib/x/**"}},
		}}, []string{"warn LANE_REGION_SHADOWED b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := kinds(Check(tc.in))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestSortAndGating(t *testing.T) {
	fs := []Finding{
		{Severity: Info, Kind: "B", Subject: "x"},
		{Severity: Warn, Kind: "B", Subject: "b"},
		{Severity: Warn, Kind: "B", Subject: "a"},
		{Severity: Error, Kind: "Z", Subject: "z"},
		{Severity: Warn, Kind: "A", Subject: "z"},
	}
	Sort(fs)
	got := kinds(fs)
	want := []string{"error Z z", "warn A z", "warn B a", "warn B b", "info B x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted = %q", got)
	}
	if !Gating(fs, true) || !Gating(fs[1:], false) || Gating(fs[1:], true) || Gating(fs[4:], false) {
		t.Error("gating: errors always gate, warnings only without strict, info never")
	}
	if c := Counts(fs); !reflect.DeepEqual(c, map[string]int{"error": 1, "warn": 3, "info": 1}) {
		t.Errorf("counts = %v", c)
	}
	if c := Counts(nil); !reflect.DeepEqual(c, map[string]int{"error": 0, "warn": 0, "info": 0}) {
		t.Errorf("empty counts = %v", c)
	}
}

func TestFindingLineAndJSON(t *testing.T) {
	f := Finding{Warn, AutopickLaneUndeclared, "ghost", "d", "f"}
	if got := f.Line(); got != "[warn] AUTOPICK_LANE_UNDECLARED 'ghost': d — f" {
		t.Errorf("line = %q", got)
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"severity": "warn", "kind": "AUTOPICK_LANE_UNDECLARED", "subject": "ghost", "detail": "d", "fix": "f"}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("json = %v", m)
	}
}

// Doctor counts exactly what the verify grammar matches (issue 7.7):
// conventional-commit subjects with a version or a scope are not stamps.
func TestVerifiability(t *testing.T) {
	generic := stamp.Generic()
	job := stamp.Generic()
	job.SubjectDirs, job.BookkeepingPrefixes = []string{"docs", "go"}, []string{"docs/_plans:"}
	cases := []struct {
		subject     string
		shaped      bool
		recognizedJ bool
	}{
		{"AUTH1: ship the login endpoint", true, false},
		{"AUTH: AUTH1 ship it", true, false},
		{"docs/P3b.2: finish", true, false},
		{"docs/AUTH: P3b.2 finish", true, true},
		{"go/RS4: RS4-port port it", true, true},
		{"v1.2.3: release", false, false},
		{"v1.2.3: AUTH7 lands", true, true}, // release mentions are not dir-scoped
		{"docs/_plans: P9 bookkeeping", false, false},
		{"fix typo", false, false},
		{"Merge pull request #12 from x", false, false},
		{"chore(release): v0.3.0", false, false},
		{"feat(api)!: oauth2 login", false, false},
		{"feat(api)!: drop the v1 endpoints", false, false},
		{"fix: thing (AUTH AUTH21)", true, false},
	}
	for _, c := range cases {
		if got := ShipShaped(c.subject, job); got != c.shaped {
			t.Errorf("ShipShaped(%q) = %v", c.subject, got)
		}
		if got := Recognized(c.subject, job); got != c.recognizedJ {
			t.Errorf("Recognized(%q, job) = %v", c.subject, got)
		}
		if got := Recognized(c.subject, generic); c.shaped && !got && !strings.Contains(c.subject, "(") {
			t.Errorf("generic grammar misses %q", c.subject)
		}
	}
	subs := []string{"AUTH1: a", "docs/AUTH: P2 b", "fix typo"}
	v := Measure(subs, job)
	if v.CommitsRead != 3 || v.ShipShaped != 2 || v.Recognized != 1 || v.Example != "AUTH1: a" {
		t.Errorf("measure = %+v", v)
	}
	if h := v.Headline(); !strings.HasPrefix(h, "1 of your last 3 commits") || !strings.Contains(h, "docs|go") {
		t.Errorf("headline = %q", h)
	}
	if h := Measure(nil, generic).Headline(); !strings.HasPrefix(h, "no commits to read") {
		t.Errorf("empty headline = %q", h)
	}
	if h := Measure([]string{"fix"}, generic).Headline(); !strings.HasPrefix(h, "none of your last 1") {
		t.Errorf("no-ship headline = %q", h)
	}
	if h := Measure([]string{"AUTH1: x"}, job).Headline(); !strings.HasPrefix(h, "0 of 1 ship-shaped") {
		t.Errorf("mismatch headline = %q", h)
	}
}

// A recognised table's finding says so in words, and never gates.
func TestRecognisedTableLine(t *testing.T) {
	fs := Check(Input{RecognisedTables: []string{"supervise"}})
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	want := "[info] TABLE_NOT_USED 'supervise': [supervise] is recognised, not used by this version — "
	if !strings.HasPrefix(fs[0].Line(), want) {
		t.Errorf("line = %q, want prefix %q", fs[0].Line(), want)
	}
	if Gating(fs, false) {
		t.Error("a recognised table gates")
	}
}
