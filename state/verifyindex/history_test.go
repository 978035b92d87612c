package verifyindex

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/witness/gitlog"
)

// historyOf indexes dir's HEAD with its cache in cacheDir.
func historyOf(t *testing.T, dir, cacheDir string) *History {
	t.Helper()
	var tip [20]byte
	if _, err := hex.Decode(tip[:], []byte(gittest.Git(t, dir, "rev-parse", "HEAD"))); err != nil {
		t.Fatal(err)
	}
	x, err := Get(context.Background(), Request{RepoDir: dir, CacheDir: cacheDir, Tip: tip, Convention: stamp.Generic()})
	if err != nil {
		t.Fatal(err)
	}
	return &History{X: x, Footprints: NewFootprints(cacheDir), Git: gitlog.NewDiffTree(dir)}
}

func verdict(t *testing.T, h *History, phase string) oracle.Verdict {
	t.Helper()
	v, err := oracle.Verify(stamp.Query{Plan: "AUTH", Phase: phase}, oracle.Evidence{History: h}, stamp.Generic(), oracle.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Truth 3 against a hostile cache: lines appended to footprints.jsonl can
// neither turn an empty stamp into a ship nor a real one into an empty
// stamp. Emptiness comes from git's tree ids; an entry is used only for
// the two trees it was recorded for.
func TestFootprintCacheCannotForgeEmptiness(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "base", "a.txt")
	gittest.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "AUTH1: ship nothing")
	empty := gittest.Git(t, dir, "rev-parse", "HEAD")
	emptyTree := gittest.Git(t, dir, "rev-parse", "HEAD^{tree}")
	gittest.Commit(t, dir, "AUTH2: ship b", "src/b.go")
	real := gittest.Git(t, dir, "rev-parse", "HEAD")
	realTree := gittest.Git(t, dir, "rev-parse", "HEAD^{tree}")
	parentTree := gittest.Git(t, dir, "rev-parse", "HEAD^^{tree}")
	cache := filepath.Join(dir, ".git", "dos")

	if v := verdict(t, historyOf(t, dir, cache), "AUTH1"); v.Shipped || v.Rung != oracle.RungEmptyStamp {
		t.Fatalf("empty stamp before forging: %s", v.Line())
	}
	if v := verdict(t, historyOf(t, dir, cache), "AUTH2"); !v.Shipped {
		t.Fatalf("real stamp before forging: %s", v.Line())
	}
	forged := fmt.Sprintf(`{"c":%q,"p":["x"]}
{"c":%q,"t":%q,"u":%q,"p":["x"]}
{"c":%q,"p":[]}
{"c":%q,"t":%q,"u":%q,"p":[]}
{"c":%q,"t":%q,"u":%q,"p":["VERSION"]}
`, empty, empty, emptyTree, emptyTree, real, real, realTree, parentTree, real, parentTree, realTree)
	f, err := os.OpenFile(filepath.Join(cache, "footprints.jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(forged)
	f.Close()
	if v := verdict(t, historyOf(t, dir, cache), "AUTH1"); v.Shipped || v.Rung != oracle.RungEmptyStamp {
		t.Errorf("forged paths for an empty stamp: %s, want NOT_SHIPPED via empty-stamp", v.Line())
	}
	if v := verdict(t, historyOf(t, dir, cache), "AUTH2"); !v.Shipped {
		t.Errorf("forged empty footprint for a real stamp: %s, want SHIPPED", v.Line())
	}
}

// A footprint recorded for the right trees is served without opening the
// object database: the warm path stays as cheap as before.
func TestFootprintCacheWarmHit(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "base", "a.txt")
	gittest.Commit(t, dir, "AUTH2: ship b", "src/b.go")
	cache := filepath.Join(dir, ".git", "dos")
	if v := verdict(t, historyOf(t, dir, cache), "AUTH2"); !v.Shipped {
		t.Fatalf("cold: %s", v.Line())
	}
	h := historyOf(t, dir, cache)
	h.Git = refusingGit{}
	if v := verdict(t, h, "AUTH2"); !v.Shipped {
		t.Fatalf("warm: %s", v.Line())
	}
}

// refusingGit fails any question put to git: a warm hit must not ask one.
type refusingGit struct{}

func (refusingGit) ChangedPaths([20]byte) ([]string, error) {
	return nil, errors.New("git was asked for a footprint")
}

// A group that holds all of another group's tokens adds no commit to the
// union and is not looked up; equal groups are kept once.
func TestNarrowestGroups(t *testing.T) {
	in := [][]string{{"bench", "bench7"}, {"benchbench7"}, {"bench7"}, {"bench", "phase7"}, {"phase7"},
		{"7", "bench", "phase"}, {"7", "phase"}, {"a", "b"}, {"b", "a"}}
	want := [][]string{{"benchbench7"}, {"bench7"}, {"phase7"}, {"7", "phase"}, {"a", "b"}}
	if got := narrowest(in); !reflect.DeepEqual(got, want) {
		t.Fatalf("narrowest = %v, want %v", got, want)
	}
}

// Candidates are the same with and without the dropped groups: the union of
// the intersections does not change.
func TestCandidatesUnchangedByNarrowing(t *testing.T) {
	cs := make([]Commit, 300)
	words := []string{"AUTH", "AUTH1", "AUTH12", "phase", "1", "12", "AUTH phase 1", "x"}
	for i := range cs {
		cs[i] = Commit{Hash: [20]byte{byte(i), byte(i >> 8), 1}, Time: int64(i),
			Subject: words[i%len(words)] + ": " + words[(i/len(words))%len(words)] + " " + fmt.Sprint(i%13)}
	}
	x := Build(cs[0].Hash, 0, cs)
	h := &History{X: x}
	for _, phase := range []string{"AUTH1", "AUTH12", "1", "12", "AUTH-1"} {
		m := stamp.CompileWith(stamp.Query{Plan: "AUTH", Phase: phase}, stamp.Generic(), stamp.Options{})
		groups, ok := m.KeyGroups()
		if !ok {
			t.Fatalf("%s: no key groups", phase)
		}
		var all []uint32
		for _, g := range groups {
			all = append(all, x.Intersect(g)...)
		}
		slices.Sort(all)
		all = slices.Compact(all)
		got, err := h.Candidates(m)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d candidates from %d groups, %d narrowest", phase, len(all), len(groups), len(narrowest(groups)))
		if len(got) != len(all) {
			t.Fatalf("%s: %d candidates, every group gives %d", phase, len(got), len(all))
		}
		for i, c := range got {
			if c.Ref != int(all[i]) {
				t.Fatalf("%s: candidate %d is %d, want %d", phase, i, c.Ref, all[i])
			}
		}
	}
}
