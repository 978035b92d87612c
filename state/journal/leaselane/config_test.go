package leaselane

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/workspace"
)

// Issue 7 item 17: with linkb -> b, lane linkb was granted beside lane b.
// The taxonomy carries trees resolved through the links, and a lane whose
// tree leads outside the repository is never granted.
func TestFromWorkspaceResolvesLinks(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "b"), 0o755)
	if err := os.Symlink("b", filepath.Join(root, "linkb")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(t.TempDir(), filepath.Join(root, "out")); err != nil {
		t.Fatal(err)
	}
	toml := `[lanes]
concurrent = ["b", "linkb", "out"]
autopick = ["b", "linkb", "out"]
[lanes.trees]
b = ["b/**"]
linkb = ["linkb/**"]
out = ["out/**"]
`
	if err := os.WriteFile(filepath.Join(root, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Resolve(workspace.Options{Flag: root})
	if err != nil {
		t.Fatal(err)
	}
	cfg := FromWorkspace(ws, func(string) string { return "" })
	if got := cfg.Taxonomy.Trees["linkb"]; !slices.Equal(got, []string{"b/**"}) {
		t.Errorf("linkb tree = %q, want b/**", got)
	}
	if why := cfg.Taxonomy.Uncertified["out"]; !strings.Contains(why, "symbolic link") {
		t.Errorf("out: %q", why)
	}
	b := admission.Arbitrate(admission.Request{Lane: "b", Owner: "A"}, nil, cfg.Taxonomy, cfg.Policy)
	held := []lease.Lease{{Lane: b.Lane, LaneKind: b.LaneKind, Tree: b.Tree, Holder: "A"}}
	for _, lane := range []string{"linkb", "out"} {
		if d := admission.Arbitrate(admission.Request{Lane: lane, Owner: "B"}, held, cfg.Taxonomy, cfg.Policy); d.Granted() {
			t.Errorf("%s granted beside b: %s", lane, d.Reason)
		}
	}
	if d := admission.Arbitrate(admission.Request{Lane: "out"}, nil, cfg.Taxonomy, cfg.Policy); d.Granted() {
		t.Errorf("out granted on an empty board: %s", d.Reason)
	}
}
