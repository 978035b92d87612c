package workspace

import (
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary bytes as dos.toml: Parse must never panic,
// always return a usable config, and warn on one line at a time.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"",
		"\uFEFF",
		"workspace = \".\"\n[lanes]\nconcurrent = [\"a\"]\n[lanes.trees]\na = [\"a/**\"]\n",
		"[paths]\nlane_journal = \"x\"\n",
		"[stamp]\nsubject_dirs = \"src\"\ntrailer_stamp = true\n",
		"[verify]\nallow_empty = true\nignore_paths = \"*.md\"\n",
		"[overlap]\nratio_max = 0.3333\n",
		"[overlap]\nratio_max = inf\n",
		"[reasons.A]\ncategory = \"MISROUTE\"\n[[reasons.morphology]]\nsubstring = \"A\"\ncategory = \"MISROUTE\"\n",
		"[reasons]\nmorphology = [[\"a\", \"MISROUTE\"], 3]\n",
		"[cooldown]\nwindow_hours = 1e300\n",
		"[supervise]\nspin_halt_after_ms = 9223372036854775807\n",
		"[[concurrency_class]]\nname = \"x\"\nmax_concurrent = 1\n",
		"[intervention.X]\nrank = 99999999999\n",
		"[lifecycle]\ntransitions = [1, {from = \"a\", to = \"b\"}]\n",
		"a = 1979-05-27T07:32:00Z\n[enumerate]\nheading_levels = [1979-05-27]\n",
		"[stamp\n",
		"[lanes]\nx = 1\nx = 2\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var warns []string
		c := Parse(Defaults("/ws"), data, func(s string) { warns = append(warns, s) })
		if c == nil {
			t.Fatal("nil config")
		}
		if c.Lanes.Trees == nil || c.Lanes.Aliases == nil || c.Reasons == nil {
			t.Fatalf("nil map in config: %+v", c)
		}
		if c.Overlap.RatioMax < 0 || c.Overlap.RatioMax > 1 || c.Overlap.RatioMax != c.Overlap.RatioMax {
			t.Fatalf("ratio_max out of range: %v", c.Overlap.RatioMax)
		}
		if c.Paths.PlansGlob == "" {
			t.Fatalf("unusable config: %+v", c)
		}
		for _, w := range warns {
			if !strings.HasPrefix(w, "warning: ignoring malformed ") || strings.Contains(w, "\n") {
				t.Fatalf("bad warning line %q", w)
			}
		}
	})
}
