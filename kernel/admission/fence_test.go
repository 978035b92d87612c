package admission

import (
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
)

func TestCheckFence(t *testing.T) {
	src := func(gen int64, holder string) Held {
		return Held{Lease: lease.Lease{Lane: "src", Tree: []string{"src/"}, Holder: holder}, Generation: gen}
	}
	docs := Held{Lease: lease.Lease{Lane: "docs", Tree: []string{"docs/"}, Holder: "d"}, Generation: 9}
	forced := Held{Lease: lease.Lease{Lane: "api", Tree: []string{"src/api/"}, Holder: "op"}, Generation: 12}
	older := Held{Lease: lease.Lease{Lane: "api", Tree: []string{"src/api/"}, Holder: "op"}, Generation: 2}
	unknown := Held{Lease: lease.Lease{Lane: "misc", Holder: "m"}, Generation: 20}
	for _, c := range []struct {
		name    string
		claim   FenceClaim
		live    []Held
		allowed bool
		liveGen int64
		by      string
		says    string
	}{
		{"live at its generation", FenceClaim{"src", 5}, []Held{src(5, "a"), docs}, true, 5, "", "is live at generation 5"},
		{"released", FenceClaim{"src", 5}, []Held{docs}, false, 0, "", "holds no live lease"},
		{"lost and re-taken", FenceClaim{"src", 5}, []Held{src(11, "b"), docs}, false, 11, "b", "held at generation 11 by 'b'"},
		{"stale claim after re-take by the same holder", FenceClaim{"src", 5}, []Held{src(11, "a")}, false, 11, "a", "not at generation 5"},
		{"a newer overlapping lease fences", FenceClaim{"src", 5}, []Held{src(5, "a"), forced}, false, 5, "op", "newer lease on lane 'api'"},
		{"an older overlapping lease does not", FenceClaim{"src", 5}, []Held{older, src(5, "a")}, true, 5, "", "is live"},
		{"a newer disjoint lease does not", FenceClaim{"src", 5}, []Held{src(5, "a"), docs}, true, 5, "", "is live"},
		{"a newer lease of unknown tree does not", FenceClaim{"src", 5}, []Held{src(5, "a"), unknown}, true, 5, "", "is live"},
		{"a future generation is not live", FenceClaim{"src", 99}, []Held{src(5, "a")}, false, 5, "a", "not at generation 99"},
		{"nothing live", FenceClaim{"src", 1}, nil, false, 0, "", "released or expired"},
		{"no lane: found by generation", FenceClaim{"", 5}, []Held{docs, src(5, "a")}, true, 5, "", "lane 'src' is live at generation 5"},
		{"no lane: generation not live", FenceClaim{"", 5}, []Held{docs, src(11, "a")}, false, 0, "", "no live lease has generation 5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := CheckFence(c.claim, c.live)
			if f.Allowed != c.allowed || f.LiveGeneration != c.liveGen || !strings.Contains(f.Reason, c.says) {
				t.Fatalf("%+v", f)
			}
			if (c.by == "") != (f.By == nil) || (f.By != nil && f.By.Holder != c.by) {
				t.Fatalf("fenced by %+v, want %q", f.By, c.by)
			}
			if (c.claim.Lane != "" && f.Lane != c.claim.Lane) || f.Generation != c.claim.Generation {
				t.Fatalf("claim not repeated: %+v", f)
			}
		})
	}
}
