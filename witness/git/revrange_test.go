package git

import (
	"errors"
	"strconv"
	"strings"
	"testing"
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
