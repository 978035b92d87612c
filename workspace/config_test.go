package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/stamp"
)

// parse folds src over the generic defaults for root /ws and returns the
// config and the warning lines.
func parse(t *testing.T, src string) (*Config, []string) {
	t.Helper()
	var warns []string
	c := Parse(Defaults("/ws"), []byte(src), func(s string) { warns = append(warns, s) })
	if c == nil {
		t.Fatal("Parse returned nil")
	}
	return c, warns
}

func TestLoadAbsentFileIsDefaultsSilently(t *testing.T) {
	dir := t.TempDir()
	var warns []string
	c := Load(dir, func(s string) { warns = append(warns, s) })
	if len(warns) != 0 {
		t.Fatalf("warnings for an absent file: %q", warns)
	}
	if c.Declared {
		t.Error("Declared is true without a dos.toml")
	}
	if !reflect.DeepEqual(c, Defaults(dir)) {
		t.Errorf("absent file changed the defaults:\n%+v", c)
	}
}

func TestDefaults(t *testing.T) {
	c := Defaults("/ws")
	// Product decision (Lanes 1): admission is strict by default.
	if c.Overlap.RatioMax != 0 || c.Overlap.Policy != "prefix" {
		t.Errorf("overlap = %+v, want ratio_max 0, policy prefix", c.Overlap)
	}
	// Product decision (Truth 3): an empty stamp is not evidence by default.
	if c.Verify.AllowEmpty {
		t.Error("allow_empty defaults to true")
	}
	if !reflect.DeepEqual(c.Lanes.Concurrent, []string{"main"}) || !reflect.DeepEqual(c.Lanes.Exclusive, []string{"global"}) {
		t.Errorf("lanes = %+v", c.Lanes)
	}
	if c.Paths.LaneJournal != "/ws/.dos/lane-journal.jsonl" || c.Paths.Style != "dos" {
		t.Errorf("paths = %+v", c.Paths)
	}
	if !reflect.DeepEqual(c.Stamp, stamp.Generic()) {
		t.Errorf("stamp = %+v, want generic", c.Stamp)
	}
	if c.Plan.Source != "markdown" || c.ConcurrencyClasses != nil {
		t.Errorf("plan = %+v, concurrency classes = %+v", c.Plan, c.ConcurrencyClasses)
	}
}

func TestFoldTables(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, c *Config)
	}{
		{"lanes replace wholesale", `
[lanes]
concurrent = ["api", "web"]
autopick = "api"
[lanes.trees]
api = ["api/**"]
"my app" = "my app/**"
[lanes.aliases]
backend = "api"
`, func(t *testing.T, c *Config) {
			want := Lanes{
				Concurrent: []string{"api", "web"}, Exclusive: []string{}, Autopick: []string{"api"},
				Trees:   map[string][]string{"api": {"api/**"}, "my app": {"my app/**"}},
				Aliases: map[string]string{"backend": "api"},
			}
			if !reflect.DeepEqual(c.Lanes, want) {
				t.Errorf("lanes = %+v, want %+v", c.Lanes, want)
			}
		}},
		{"paths override per key, relative joins the root", `
[paths]
lane_journal = "state/journal.jsonl"
verdict_journal = "/abs/v.jsonl"
plans_glob = "plans/*.md"
`, func(t *testing.T, c *Config) {
			if c.Paths.LaneJournal != "/ws/state/journal.jsonl" {
				t.Errorf("lane_journal = %q", c.Paths.LaneJournal)
			}
			if c.Paths.VerdictJournal != "/abs/v.jsonl" {
				t.Errorf("verdict_journal = %q", c.Paths.VerdictJournal)
			}
			if c.Paths.PlansGlob != "plans/*.md" {
				t.Errorf("plans_glob = %q (must stay relative)", c.Paths.PlansGlob)
			}
			if c.Paths.LeasesDir != "/ws/.dos/leases" {
				t.Errorf("unnamed key lost its default: %q", c.Paths.LeasesDir)
			}
		}},
		{"stamp overrides per key, a string is a list", `
[stamp]
subject_dirs = "src"
trailer_stamp = true
`, func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c.Stamp.SubjectDirs, []string{"src"}) || !c.Stamp.TrailerStamp || c.Stamp.Style != "grep" {
				t.Errorf("stamp = %+v", c.Stamp)
			}
		}},
		{"verify keys", `
[verify]
allow_empty = true
ignore_paths = ["CHANGELOG.md", "docs/**"]
non_git_oracle = "ci_status"
prefer_artifact_rung = true
`, func(t *testing.T, c *Config) {
			v := c.Verify
			if !v.AllowEmpty || len(v.IgnorePaths) != 2 || v.NonGitOracle != "ci_status" || !v.PreferArtifactRung {
				t.Errorf("verify = %+v", v)
			}
		}},
		{"overlap accepts an integer and the parity value", `
[overlap]
ratio_max = 0.3333
`, func(t *testing.T, c *Config) {
			if c.Overlap.RatioMax != 0.3333 || c.Overlap.Policy != "prefix" {
				t.Errorf("overlap = %+v", c.Overlap)
			}
		}},
		{"self_modify protect", `
[self_modify]
protect = ["orchestrator/**"]
`, func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c.SelfModify.Protect, []string{"orchestrator/**"}) {
				t.Errorf("protect = %q", c.SelfModify.Protect)
			}
		}},
		{"reasons add, morphology replaces, both kept", `
[reasons.lane_parked]
category = "OPERATOR_GATE"
refusal = false
see_also = "lane api"
[[reasons.morphology]]
substring = "PARK"
category = "OPERATOR_GATE"
`, func(t *testing.T, c *Config) {
			// Product decision (Runs 6): declaring morphology never drops declared reasons.
			r, ok := c.Reasons["LANE_PARKED"]
			if !ok || r.Refusal || r.Category != "OPERATOR_GATE" || !reflect.DeepEqual(r.SeeAlso, []string{"lane api"}) {
				t.Errorf("reasons = %+v", c.Reasons)
			}
			if !reflect.DeepEqual(c.Morphology, []MorphologyRule{{"PARK", "OPERATOR_GATE"}}) {
				t.Errorf("morphology = %+v", c.Morphology)
			}
		}},
		{"empty morphology turns the rung off", `
[reasons]
morphology = []
`, func(t *testing.T, c *Config) {
			if c.Morphology == nil || len(c.Morphology) != 0 {
				t.Errorf("morphology = %#v, want empty non-nil", c.Morphology)
			}
		}},
		{"morphology pairs", `
[reasons]
morphology = [["PARK", "OPERATOR_GATE"]]
`, func(t *testing.T, c *Config) {
			if len(c.Morphology) != 1 || c.Morphology[0].Substring != "PARK" {
				t.Errorf("morphology = %#v", c.Morphology)
			}
		}},
		{"plan and concurrency classes", `
[plan]
source = "markdown"
[[concurrency_class]]
name = "heavy"
max_concurrent = 2
`, func(t *testing.T, c *Config) {
			if c.Plan.Source != "markdown" {
				t.Errorf("plan = %+v", c.Plan)
			}
			if !reflect.DeepEqual(c.ConcurrencyClasses, []ConcurrencyClass{{"heavy", 2}}) {
				t.Errorf("concurrency_class = %+v", c.ConcurrencyClasses)
			}
		}},
		{"unknown tables are listed apart from recognised ones, workspace is ignored", `
workspace = "."
lnaes = 1
[breaker]
x = 1
[stmap]
style = "grep"
`, func(t *testing.T, c *Config) {
			if !reflect.DeepEqual(c.Unknown, []string{"lnaes", "stmap"}) {
				t.Errorf("unknown = %q", c.Unknown)
			}
			if !reflect.DeepEqual(c.Recognised, []string{"breaker"}) {
				t.Errorf("recognised = %q", c.Recognised)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, warns := parse(t, tc.src)
			if len(warns) != 0 {
				t.Fatalf("unexpected warnings: %q", warns)
			}
			if !c.Declared {
				t.Error("Declared is false")
			}
			tc.check(t, c)
		})
	}
}

// Each malformed table gives exactly one warning naming it, and keeps its
// base value while the other tables still load.
func TestMalformedTables(t *testing.T) {
	tests := []struct {
		table, src, msg string
	}{
		{"lanes", "[lanes]\nconcurrent = [1]", "concurrent: item 1"},
		{"lanes", "[lanes]\nconcurent = [\"a\"]", `unknown key "concurent"`},
		{"lanes", "[lanes.aliases]\nx = 1", "aliases.x"},
		{"lanes", "lanes = 3", "want a table"},
		{"paths", "[paths]\nplnas_glob = \"x\"", `unknown key "plnas_glob"`},
		{"paths", "[paths]\nroot = \"x\"", "root cannot be set"},
		{"paths", "[paths]\nlane_journal = 3", "lane_journal: want a string"},
		{"stamp", "[stamp]\ntrailer_stamp = \"yes\"", "trailer_stamp: want true or false"},
		{"stamp", "[stamp]\nsubject_dir = \"src\"", "unknown key"},
		// Product decision: unknown keys in [verify] are rejected like other tables.
		{"verify", "[verify]\nallow_emtpy = true", `unknown key "allow_emtpy"`},
		{"verify", "[verify]\nallow_empty = 1", "allow_empty: want true or false"},
		// Product decision (Lanes 1): ratio_max lies in [0, 1].
		{"overlap", "[overlap]\nratio_max = 1.5", "from 0 to 1"},
		{"overlap", "[overlap]\nratio_max = -0.1", "from 0 to 1"},
		{"overlap", "[overlap]\nratio_max = nan", "finite"},
		{"overlap", "[overlap]\nratio = 0.5", "unknown key"},
		{"self_modify", "[self_modify]\nprotect = [true]", "protect: item 1"},
		{"plan", "[plan]\nsource = \"\"", "source"},
		{"reasons", "[reasons.X]\nsummary = \"s\"", "category is required"},
		{"reasons", "[reasons.X]\ncategory = \"NOPE\"", "unknown category"},
		{"reasons", "[reasons.self_modify]\ncategory = \"MISROUTE\"", "built-in"},
		{"reasons.morphology", "[[reasons.morphology]]\nsubstring = \"\"\ncategory = \"MISROUTE\"", "substring may not be empty"},
		{"reasons.morphology", "[reasons]\nmorphology = [[\"A\"]]", "[substring, category]"},
		{"concurrency_class", "[[concurrency_class]]\nname = \"x\"", "required"},
		{"concurrency_class", "concurrency_class = 1", "array of tables"},
	}
	for _, tc := range tests {
		t.Run(tc.table+"/"+tc.msg, func(t *testing.T) {
			// A valid [self_modify] rides along to show the other tables still load.
			src := tc.src + "\n"
			if tc.table != "self_modify" {
				src += "[self_modify]\nprotect = [\"ride/**\"]\n"
			}
			c, warns := parse(t, src)
			if len(warns) != 1 {
				t.Fatalf("got %d warnings, want 1: %q", len(warns), warns)
			}
			prefix := "warning: ignoring malformed [" + tc.table + "] in /ws/dos.toml: "
			if !strings.HasPrefix(warns[0], prefix) || !strings.Contains(warns[0], tc.msg) {
				t.Errorf("warning = %q, want prefix %q containing %q", warns[0], prefix, tc.msg)
			}
			if strings.Contains(warns[0], "\n") {
				t.Errorf("warning spans lines: %q", warns[0])
			}
			if tc.table != "self_modify" && !slices.Equal(c.SelfModify.Protect, []string{"ride/**"}) {
				t.Error("a malformed table stopped the others from loading")
			}
			d := Defaults("/ws")
			base := map[string][2]any{
				"lanes": {c.Lanes, d.Lanes}, "paths": {c.Paths, d.Paths}, "stamp": {c.Stamp, d.Stamp},
				"verify": {c.Verify, d.Verify}, "overlap": {c.Overlap, d.Overlap},
				"reasons": {c.Reasons, d.Reasons}, "reasons.morphology": {c.Morphology, d.Morphology},
				"plan": {c.Plan, d.Plan}, "concurrency_class": {c.ConcurrencyClasses, d.ConcurrencyClasses},
			}
			if pair, ok := base[tc.table]; ok && !reflect.DeepEqual(pair[0], pair[1]) {
				t.Errorf("[%s] did not keep its base value: %+v", tc.table, pair[0])
			}
		})
	}
}

// A bad morphology rule never drops the declared reasons, and vice versa.
func TestReasonsAndMorphologyFailApart(t *testing.T) {
	c, warns := parse(t, `
[reasons.PARKED]
category = "OPERATOR_GATE"
[[reasons.morphology]]
substring = "X"
category = "WRONG"
`)
	if len(warns) != 1 || !strings.Contains(warns[0], "[reasons.morphology]") {
		t.Fatalf("warnings = %q", warns)
	}
	if _, ok := c.Reasons["PARKED"]; !ok {
		t.Error("declared reason dropped by a bad morphology rule")
	}
}

func TestSyntaxErrorIsOneWarningAndAllDefaults(t *testing.T) {
	c, warns := parse(t, "[lanes]\nconcurrent = [\"a\"]\n[stamp\nstyle = 1\n")
	if len(warns) != 1 {
		t.Fatalf("got %d warnings, want 1: %q", len(warns), warns)
	}
	if !strings.HasPrefix(warns[0], "warning: ignoring malformed dos.toml (/ws/dos.toml): line 3") {
		t.Errorf("warning = %q", warns[0])
	}
	want := Defaults("/ws")
	want.Problems = c.Problems
	if !reflect.DeepEqual(c, want) {
		t.Errorf("a syntax error changed the config: %+v", c)
	}
	// lint reads the problem from the config (issue 7 item 2).
	if len(c.Problems) != 1 || c.Problems[0].Table != "" || !strings.HasPrefix(c.Problems[0].Msg, "line 3, column") {
		t.Errorf("problems = %+v, want the whole file at line 3", c.Problems)
	}
}

func TestMalformedTableIsAProblem(t *testing.T) {
	c, _ := parse(t, "[overlap]\nratio_max = 2\n[verify]\nallow_emtpy = true\n")
	want := []Problem{
		{Table: "overlap", Msg: "ratio_max: want a number from 0 to 1, got 2"},
		{Table: "verify", Msg: `unknown key "allow_emtpy"`},
	}
	if !reflect.DeepEqual(c.Problems, want) {
		t.Errorf("problems = %+v, want %+v", c.Problems, want)
	}
}

// Issue 7 item 18: a dos.toml with tens of thousands of keys made every
// verb spend seconds (quadratic in the TOML library). Over the bounds it
// is refused at once, with one warning, and the defaults kept.
func TestHugeConfigIsRefusedQuickly(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("[lanes]\nconcurrent = []\n[lanes.trees]\n")
	for i := range 100_000 {
		fmt.Fprintf(&sb, "l%d = [\"l%d/**\"]\n", i, i)
	}
	start := time.Now()
	c, warns := parse(t, sb.String())
	if d := time.Since(start); d > time.Second {
		t.Errorf("a 100,000-key dos.toml took %v", d)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "more than the 1048576") {
		t.Errorf("warnings = %q", warns)
	}
	if len(c.Problems) != 1 || !reflect.DeepEqual(c.Lanes, Defaults("/ws").Lanes) {
		t.Errorf("problems %+v, lanes %+v", c.Problems, c.Lanes)
	}
	// a thousand lanes is the cap of a [lanes] table.
	sb.Reset()
	sb.WriteString("[lanes]\nconcurrent = []\n[lanes.trees]\n")
	for i := range MaxLanes + 1 {
		fmt.Fprintf(&sb, "l%d = [\"l%d/**\"]\n", i, i)
	}
	if c, warns := parse(t, sb.String()); len(warns) != 1 || !strings.Contains(warns[0], "1001 lanes declared") || c.Problems[0].Table != "lanes" {
		t.Errorf("warnings = %q", warns)
	}
	// under the byte bound, the key count still refuses.
	keys := strings.Repeat("a = 1\n", MaxConfigKeys+1)
	if _, warns := parse(t, keys); len(warns) != 1 || !strings.Contains(warns[0], "key assignments") {
		t.Errorf("warnings = %q", warns)
	}
}

func TestDuplicateKeyIsASyntaxError(t *testing.T) {
	_, warns := parse(t, "[lanes]\nconcurrent = []\nconcurrent = []\n")
	if len(warns) != 1 || !strings.Contains(warns[0], "malformed dos.toml") {
		t.Errorf("warnings = %q", warns)
	}
}

// PowerShell writes a byte-order mark; it must not break the file.
func TestLoadStripsBOM(t *testing.T) {
	dir := t.TempDir()
	src := "\uFEFF[lanes]\nconcurrent = [\"api\"]\n[lanes.trees]\napi = [\"api/**\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var warns []string
	c := Load(dir, func(s string) { warns = append(warns, s) })
	if len(warns) != 0 {
		t.Fatalf("warnings: %q", warns)
	}
	if !c.Declared || !reflect.DeepEqual(c.Lanes.Concurrent, []string{"api"}) {
		t.Errorf("lanes = %+v", c.Lanes)
	}
	if !slices.Equal(c.Tables, []string{"lanes"}) {
		t.Errorf("tables = %q", c.Tables)
	}
}

func TestUnreadableFileIsOneWarning(t *testing.T) {
	dir := t.TempDir()
	// A directory named dos.toml cannot be read as a file.
	if err := os.Mkdir(filepath.Join(dir, "dos.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	var warns []string
	c := Load(dir, func(s string) { warns = append(warns, s) })
	if len(warns) != 1 || !strings.HasPrefix(warns[0], "warning: ignoring malformed dos.toml (") {
		t.Errorf("warnings = %q", warns)
	}
	if c.Declared {
		t.Error("Declared is true for an unreadable file")
	}
}

func TestDriverBase(t *testing.T) {
	c, err := Base("/ws", "job")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Stamp, stamp.Job()) {
		t.Errorf("job stamp = %+v", c.Stamp)
	}
	if c.Paths.Style != "repo" || c.Paths.LaneJournal != "/ws/docs/_plans/lane-journal.jsonl" || c.Paths.ProjectCard != "" {
		t.Errorf("job paths = %+v", c.Paths)
	}
	// dos.toml wins over the driver, per key.
	c = Parse(c, []byte("[stamp]\nsubject_dirs = [\"src\"]\n"), nil)
	if !reflect.DeepEqual(c.Stamp.SubjectDirs, []string{"src"}) || !c.Stamp.SubPhaseParentFallback {
		t.Errorf("folded job stamp = %+v", c.Stamp)
	}
	for _, name := range []string{"", "generic"} {
		c, err := Base("/ws", name)
		if err != nil || !reflect.DeepEqual(c, Defaults("/ws")) {
			t.Errorf("Base(%q) = %+v, %v; want the defaults", name, c, err)
		}
	}
	if _, err := Base("/ws", "workshop"); err == nil || !strings.Contains(err.Error(), `unknown driver "workshop"`) {
		t.Errorf("unknown driver: err = %v", err)
	}
}

func TestResolvePassesTheDriver(t *testing.T) {
	dir := t.TempDir()
	w, err := Resolve(Options{Flag: dir, Getenv: func(string) string { return "" }, Cwd: dir, Driver: "job"})
	if err != nil {
		t.Fatal(err)
	}
	if w.Config.Paths.Style != "repo" {
		t.Errorf("style = %q, want repo", w.Config.Paths.Style)
	}
	if _, err := Resolve(Options{Flag: dir, Getenv: func(string) string { return "" }, Cwd: dir, Driver: "nope"}); err == nil {
		t.Error("an unknown driver resolved")
	}
}

func TestKnownTables(t *testing.T) {
	k := KnownTables()
	for _, want := range []string{"lanes", "reasons", "verify", "concurrency_class", "tool_stream", "marker", "liveness", "supervise", "hooks"} {
		if !slices.Contains(k, want) {
			t.Errorf("KnownTables lacks %q: %q", want, k)
		}
	}
	r := RecognisedTables()
	if !slices.IsSorted(r) || len(slices.Compact(slices.Clone(r))) != len(r) {
		t.Errorf("RecognisedTables is not sorted and unique: %q", r)
	}
	for _, name := range r {
		if slices.Contains(k, name) {
			t.Errorf("%q is both read and recognised-unread", name)
		}
	}
	for _, want := range []string{"breaker", "ci"} {
		if !slices.Contains(r, want) {
			t.Errorf("RecognisedTables lacks %q: %q", want, r)
		}
	}
}

// Every recognised table is accepted unread: no warning even when its
// keys are ones its future loader would reject, nothing listed as unknown,
// and every other table still loads.
func TestRecognisedTablesLoadUnread(t *testing.T) {
	var b strings.Builder
	b.WriteString("[lanes]\nconcurrent = [\"api\"]\n[lanes.trees]\napi = [\"api/**\"]\n")
	for _, name := range RecognisedTables() {
		fmt.Fprintf(&b, "[%s]\nnot_a_key_yet = [1, \"mixed\"]\n", name)
	}
	b.WriteString("[[intervention.X]]\nrank = \"not a number\"\n")
	c, warns := parse(t, b.String())
	if len(warns) != 0 {
		t.Fatalf("warnings for recognised tables: %q", warns)
	}
	if len(c.Unknown) != 0 {
		t.Errorf("unknown = %q", c.Unknown)
	}
	if !reflect.DeepEqual(c.Recognised, RecognisedTables()) {
		t.Errorf("recognised = %q\nwant %q", c.Recognised, RecognisedTables())
	}
	if !slices.Equal(c.Lanes.Concurrent, []string{"api"}) {
		t.Errorf("lanes did not load beside recognised tables: %+v", c.Lanes)
	}
	// A recognised name given as a plain value is accepted unread too.
	c, warns = parse(t, "ci = 1\nbreaker = \"x\"\n")
	if len(warns) != 0 || !slices.Equal(c.Recognised, []string{"breaker", "ci"}) {
		t.Errorf("warnings = %q, recognised = %q", warns, c.Recognised)
	}
}

// The hook tables are read: defaults, overrides, and a nonsensical
// threshold refused with a warning (defaults kept).
func TestHookTables(t *testing.T) {
	c, warns := parse(t, "")
	if c.ToolStream.RepeatN != 3 || c.ToolStream.StallN != 5 || c.Marker.MaxStreak != 4 || !c.Marker.RespectStopHookActive ||
		!slices.Equal(c.Marker.ArmOnEnv, []string{"DOS_LOOP", "CID_RUN_ID"}) || len(warns) != 0 {
		t.Errorf("defaults: %+v %+v %q", c.ToolStream, c.Marker, warns)
	}
	c, warns = parse(t, "[tool_stream]\nrepeat_n = 2\nstall_n = 4\nignore_tools = \"Bash\"\n[marker]\nmax_streak = 9\narm_on_env = [\"MY_LOOP\"]\nrespect_stop_hook_active = false\n")
	if c.ToolStream.RepeatN != 2 || c.ToolStream.StallN != 4 || !slices.Equal(c.ToolStream.IgnoreTools, []string{"Bash"}) ||
		c.Marker.MaxStreak != 9 || c.Marker.RespectStopHookActive || !slices.Equal(c.Marker.ArmOnEnv, []string{"MY_LOOP"}) || len(warns) != 0 {
		t.Errorf("overrides: %+v %+v %q", c.ToolStream, c.Marker, warns)
	}
	c, warns = parse(t, "[tool_stream]\nrepeat_n = 4\nstall_n = 2\n")
	if c.ToolStream.RepeatN != 3 || len(warns) != 1 || !strings.Contains(warns[0], "[tool_stream]") {
		t.Errorf("bad thresholds: %+v %q", c.ToolStream, warns)
	}
}

// [exec_capability] is read by exec-capability: extra names (a list or
// one name), no default, and a malformed table refused with a warning.
func TestExecCapabilityTable(t *testing.T) {
	c, warns := parse(t, "")
	if len(c.ExecCapability.Extra) != 0 || len(warns) != 0 {
		t.Errorf("defaults: %+v %q", c.ExecCapability, warns)
	}
	c, warns = parse(t, "[exec_capability]\nextra = [\"make\", \"just\"]\n")
	if !slices.Equal(c.ExecCapability.Extra, []string{"make", "just"}) || len(warns) != 0 || slices.Contains(c.Recognised, "exec_capability") || slices.Contains(c.Unknown, "exec_capability") {
		t.Errorf("list: %+v %q", c, warns)
	}
	c, _ = parse(t, "[exec_capability]\nextra = \"make\"\n")
	if !slices.Equal(c.ExecCapability.Extra, []string{"make"}) {
		t.Errorf("one name: %+v", c.ExecCapability)
	}
	for _, bad := range []string{"[exec_capability]\nextra = 3\n", "[exec_capability]\nextras = [\"make\"]\n", "[exec_capability]\nextra = [\" \"]\n", "exec_capability = 1\n"} {
		c, warns = parse(t, bad)
		if len(c.ExecCapability.Extra) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "exec_capability") {
			t.Errorf("%q: %+v %q", bad, c.ExecCapability, warns)
		}
	}
	if !slices.Contains(KnownTables(), "exec_capability") {
		t.Error("exec_capability is not a known table")
	}
}

// [hooks] strict_stop: off by default, on when set, and a wrong type or an
// unknown key is refused with one warning, keeping the default.
func TestHooksTable(t *testing.T) {
	c, warns := parse(t, "")
	if c.Hooks.StrictStop || len(warns) != 0 {
		t.Errorf("defaults: %+v %q", c.Hooks, warns)
	}
	c, warns = parse(t, "[hooks]\nstrict_stop = true\n")
	if !c.Hooks.StrictStop || len(warns) != 0 || slices.Contains(c.Unknown, "hooks") {
		t.Errorf("strict_stop = true: %+v %q unknown=%q", c.Hooks, warns, c.Unknown)
	}
	for _, bad := range []string{"[hooks]\nstrict_stop = \"yes\"\n", "[hooks]\nstrict_stop = true\nstrict = true\n", "hooks = 1\n"} {
		c, warns = parse(t, bad)
		if c.Hooks.StrictStop || len(warns) != 1 || !strings.Contains(warns[0], "[hooks]") {
			t.Errorf("%q: %+v %q", bad, c.Hooks, warns)
		}
	}
}
