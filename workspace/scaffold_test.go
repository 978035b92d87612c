package workspace

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// loadBack parses a scaffold as dos.toml and fails on any warning.
func loadBack(t *testing.T, s Scaffold) *Config {
	t.Helper()
	var warns []string
	c := Parse(Defaults("/ws"), []byte(s.Text), func(w string) { warns = append(warns, w) })
	if len(warns) != 0 {
		t.Fatalf("scaffold does not load cleanly: %q\n%s", warns, s.Text)
	}
	if len(c.Unknown) != 0 {
		t.Fatalf("scaffold has unknown tables: %q", c.Unknown)
	}
	return c
}

func TestScaffoldDerivesLanes(t *testing.T) {
	s := NewScaffold([]string{"tests", "src", ".git", "node_modules", "docs", "__pycache__"})
	if !reflect.DeepEqual(s.Concurrent, []string{"docs", "src", "tests"}) {
		t.Errorf("concurrent = %q", s.Concurrent)
	}
	if s.Summary != "derived 3 concurrent lane(s) (docs, src, tests) + an exclusive 'global'" {
		t.Errorf("summary = %q", s.Summary)
	}
	c := loadBack(t, s)
	want := Lanes{
		Concurrent: []string{"docs", "src", "tests"}, Exclusive: []string{"global"},
		Autopick: []string{"docs", "src", "tests"},
		Trees:    map[string][]string{"docs": {"docs/**"}, "src": {"src/**"}, "tests": {"tests/**"}, "global": {"**/*"}},
		Aliases:  map[string]string{},
	}
	if !reflect.DeepEqual(c.Lanes, want) {
		t.Errorf("lanes = %+v", c.Lanes)
	}
	if !reflect.DeepEqual(c.Stamp, Defaults("/ws").Stamp) {
		t.Errorf("the scaffold changed the generic stamp: %+v", c.Stamp)
	}
	if !strings.Contains(s.Text, "\ndocs = [\"docs/**\"]\n") {
		t.Errorf("plain names should stay bare keys:\n%s", s.Text)
	}
}

func TestScaffoldNoDirsIsSingleWriterMain(t *testing.T) {
	s := NewScaffold(nil)
	c := loadBack(t, s)
	if len(c.Lanes.Concurrent) != 0 || !reflect.DeepEqual(c.Lanes.Exclusive, []string{"main"}) ||
		!reflect.DeepEqual(c.Lanes.Trees, map[string][]string{"main": {"**/*"}}) || len(c.Lanes.Autopick) != 0 {
		t.Errorf("lanes = %+v", c.Lanes)
	}
	if !strings.HasPrefix(s.Summary, "no source dirs detected") {
		t.Errorf("summary = %q", s.Summary)
	}
}

// Odd directory names must give valid TOML that loads back to the same
// lanes (the reference wrote them bare and broke the file).
func TestScaffoldOddNames(t *testing.T) {
	odd := []string{"my app", "v1.2", `quo"te`, `back\slash`, "tab\there", "new\nline", "ünï", "a=b", "[x]", "#hash", "global"}
	s := NewScaffold(odd)
	c := loadBack(t, s)
	var want []string
	for _, n := range odd {
		if n != "global" {
			want = append(want, n)
		}
	}
	slices.Sort(want)
	if !reflect.DeepEqual(c.Lanes.Concurrent, want) {
		t.Errorf("concurrent = %q, want %q", c.Lanes.Concurrent, want)
	}
	for _, n := range want {
		if !reflect.DeepEqual(c.Lanes.Trees[n], []string{n + "/**"}) {
			t.Errorf("tree of %q = %q", n, c.Lanes.Trees[n])
		}
	}
	if slices.Contains(c.Lanes.Concurrent, "global") || !reflect.DeepEqual(c.Lanes.Exclusive, []string{"global"}) {
		t.Errorf("a dir named global leaked into the lanes: %+v", c.Lanes)
	}
	if !strings.Contains(s.Summary, "skipped the directory 'global'") {
		t.Errorf("summary = %q", s.Summary)
	}
}

func TestScaffoldCapsLanes(t *testing.T) {
	var dirs []string
	for c := 'a'; c <= 'p'; c++ {
		dirs = append(dirs, string(c))
	}
	s := NewScaffold(dirs)
	if len(s.Concurrent) != MaxScaffoldLanes || s.Concurrent[0] != "a" || len(s.Skipped) != 4 {
		t.Errorf("concurrent = %q, skipped = %q", s.Concurrent, s.Skipped)
	}
	loadBack(t, s)
}

// FuzzScaffold: any set of directory names gives a file that loads back
// without a warning and with the lanes it claims.
func FuzzScaffold(f *testing.F) {
	f.Add("src", "my app", "v1.2")
	f.Add("global", "\x00", "\"")
	f.Add("\x7f", "a\\b", "é")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		s := NewScaffold([]string{a, b, c})
		got := loadBack(t, s)
		if !slices.Equal(got.Lanes.Concurrent, s.Concurrent) || !slices.Equal(got.Lanes.Exclusive, s.Exclusive) {
			t.Fatalf("lanes %+v, scaffold says %q %q", got.Lanes, s.Concurrent, s.Exclusive)
		}
	})
}
