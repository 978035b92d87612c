package plandoc

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	doc := `# Auth plan
## 1. AUTH AUTH1 — login · SHIPPED in e62f74d
Some words.
## 2. AUTH AUTH2: reset
- **AUTH2.1 — another** BLOCKED on mail
- **AUTH2.2** plain
### 4. AUTH AUTH4 — audit log
## 5. Notes rollout — prose
- **X9 — orphan after prose**
## 1. AUTH AUTH1 — duplicate
## 6. AUTH phase — no digit
`
	got := Parse(doc)
	want := []Row{
		{"AUTH", "AUTH1", "shipped"},
		{"AUTH", "AUTH2", "blocked"}, // the section holds the BLOCKED bullet
		{"AUTH", "AUTH2.1", "blocked"},
		{"AUTH", "AUTH2.2", "open"},
		{"AUTH", "AUTH4", "open"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse:\n got %v\nwant %v", got, want)
	}
}

func TestDivergence(t *testing.T) {
	cases := []struct {
		claimed string
		shipped bool
		want    string
	}{
		{"", true, "✓shipped"}, {"", false, "—"},
		{"shipped", true, "✓shipped"}, {"shipped", false, "⚠over-claim"},
		{"open", true, "✓under-claim"}, {"blocked", false, "·pending"},
	}
	for _, c := range cases {
		if got := Divergence(c.claimed, c.shipped); got != c.want {
			t.Errorf("Divergence(%q, %v) = %q, want %q", c.claimed, c.shipped, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("## 1. AUTH AUTH1 — x SHIPPED\n- **AUTH1.1 — y**\n")
	f.Add("### 2. P P2: \n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Parse(s) {
			if r.Plan == "" || !isPhaseID(r.Phase) {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}
