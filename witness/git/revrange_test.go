package git

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func TestSplitRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
		ok       bool
		err      error
	}{
		{"HEAD", "", "", false, nil},
		{"a..b", "a", "b", true, nil},
		{"..b", "HEAD", "b", true, nil},
		{"a..", "a", "HEAD", true, nil},
		{"HEAD~3..HEAD", "HEAD~3", "HEAD", true, nil},
		{"a...b", "", "", false, ErrSymmetricRange},
	}
	for _, tt := range tests {
		from, to, ok, err := SplitRange(tt.in)
		if from != tt.from || to != tt.to || ok != tt.ok || !errors.Is(err, tt.err) {
			t.Errorf("SplitRange(%q) = %q %q %v %v, want %q %q %v %v", tt.in, from, to, ok, err, tt.from, tt.to, tt.ok, tt.err)
		}
	}
}

// The go-git walk must list exactly what git log lists, in the same order,
// including commits that share a timestamp and merged side branches.
func TestCommitsBetweenMatchesGitLog(t *testing.T) {
	r := buildHistory(t)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	ranges := []struct {
		from, to string
		max      int
	}{
		{"HEAD~1", "HEAD", 0},
		{"HEAD~2", "HEAD", 0},
		{"HEAD~3", "HEAD", 0},
		{"main~2", "side", 0},
		{"side", "main", 0},
		{"HEAD", "HEAD", 0},
		{"HEAD", "HEAD~2", 0},
		{"HEAD~7", "HEAD", 3},
	}
	for _, rg := range ranges {
		fromH, err := repo.Resolve(rg.from)
		if err != nil {
			t.Fatal(err)
		}
		toH, err := repo.Resolve(rg.to)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := repo.CommitsBetween(fromH, toH, rg.max)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.Hash.String())
		}
		args := []string{"log", "--format=%H"}
		if rg.max > 0 {
			args = append(args, "-"+strconv.Itoa(rg.max))
		}
		want := strings.Fields(r.git(append(args, rg.from+".."+rg.to)...))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s..%s (max %d):\n got %v\nwant %v", rg.from, rg.to, rg.max, short(got), short(want))
		}
	}
}

func short(hs []string) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h[:7]
	}
	return out
}

// On random histories whose clocks run backwards and collide, the walk must
// still list what git log lists, in git's order.
func TestCommitsBetweenSkewedClocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 3 {
		r := newDSRepo(t)
		branches := []string{"main"}
		cur := "main"
		var shas []string
		for i := range 30 {
			r.when = 1_700_000_000 + int64(rng.IntN(12))*60
			switch op := rng.IntN(10); {
			case op < 2 && len(shas) > 2:
				cur = fmt.Sprintf("b%d", i)
				r.git("checkout", "-q", "-b", cur, shas[rng.IntN(len(shas))])
				branches = append(branches, cur)
			case op < 4 && len(branches) > 1:
				other := branches[rng.IntN(len(branches))]
				if other != cur {
					r.git("merge", "-q", "--no-ff", "-m", "merge "+other, other)
				}
			default:
				r.write(fmt.Sprintf("f%d.go", i), "x\n")
				r.git("add", "-A")
				r.git("commit", "-q", "-m", fmt.Sprintf("c%d", i))
			}
			if len(shas) > 0 || cur == "main" {
				shas = append(shas, strings.TrimSpace(r.git("rev-parse", "HEAD")))
			}
		}
		repo, err := Open(r.dir)
		if err != nil {
			t.Fatal(err)
		}
		for range 40 {
			a, b := shas[rng.IntN(len(shas))], shas[rng.IntN(len(shas))]
			cs, err := repo.CommitsBetween(plumbing.NewHash(a), plumbing.NewHash(b), 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Hash.String())
			}
			want := strings.Fields(r.git("log", "--format=%H", a+".."+b))
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("trial %d, %s..%s:\n got %v\nwant %v", trial, a[:7], b[:7], short(got), short(want))
			}
		}
	}
}

// FuzzSplitRange checks that a split range joins back to its input (empty
// ends read as HEAD) and that only strings with ".." are ranges.
func FuzzSplitRange(f *testing.F) {
	for _, s := range []string{"", "HEAD", "a..b", "..b", "a..", "..", "a...b", "a..b..c", "HEAD~3..HEAD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		from, to, ok, err := SplitRange(s)
		if err != nil {
			if !strings.Contains(s, "...") {
				t.Fatalf("SplitRange(%q) failed without ...: %v", s, err)
			}
			return
		}
		if ok != strings.Contains(s, "..") {
			t.Fatalf("SplitRange(%q): ok = %v", s, ok)
		}
		if !ok {
			return
		}
		if from == "" || to == "" {
			t.Fatalf("SplitRange(%q) = %q, %q: an empty end", s, from, to)
		}
		a, b, _ := strings.Cut(s, "..")
		if (a != "" && a != from) || (b != "" && b != to) {
			t.Fatalf("SplitRange(%q) = %q, %q", s, from, to)
		}
	})
}
