package git

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func TestSharedDigits(t *testing.T) {
	a := plumbing.NewHash("abcdef0000000000000000000000000000000000")
	tests := []struct {
		b    string
		want int
	}{
		{"bbcdef0000000000000000000000000000000000", 0},
		{"accdef0000000000000000000000000000000000", 1},
		{"abcdef1000000000000000000000000000000000", 6},
		{"abcdef0000000000000000000000000000000000", 40},
	}
	for _, tt := range tests {
		if got := sharedDigits(a, plumbing.NewHash(tt.b)); got != tt.want {
			t.Errorf("sharedDigits(%s) = %d, want %d", tt.b[:8], got, tt.want)
		}
	}
}

func TestAbbrevAmong(t *testing.T) {
	hs := func(ss ...string) []plumbing.Hash {
		var out []plumbing.Hash
		for _, s := range ss {
			out = append(out, plumbing.NewHash(s+strings.Repeat("0", 40-len(s))))
		}
		return out
	}
	all := hs("0001", "abcdef11", "abcdef12", "abcdef1234", "abcdef9", "ffff")
	tests := []struct {
		h    int
		want string
	}{
		{0, "0001000"},
		{1, "abcdef11"},  // neighbour abcdef12 shares 7 digits
		{2, "abcdef120"}, // neighbour abcdef1234 shares 8 digits
		{3, "abcdef123"},
		{4, "abcdef9"},
		{5, "ffff000"},
	}
	for _, tt := range tests {
		got := abbrevAmong(all, all[tt.h])
		if got != tt.want {
			t.Errorf("abbrevAmong(%s) = %q, want %q", all[tt.h].String()[:12], got, tt.want)
		}
	}
}

// Short hashes agree with git rev-parse --short, alone and in a batch.
func TestShortHashesMatchGit(t *testing.T) {
	r := buildHistory(t)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	var hs []plumbing.Hash
	for _, s := range strings.Fields(r.git("log", "--format=%H", "--all")) {
		hs = append(hs, plumbing.NewHash(s))
	}
	batch, err := repo.ShortHashes(hs)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		want := strings.TrimSpace(r.git("rev-parse", "--short", h.String()))
		one, err := repo.ShortHashes([]plumbing.Hash{h})
		if err != nil {
			t.Fatal(err)
		}
		if batch[h] != want || one[h] != want {
			t.Errorf("%s: batch %q, alone %q, git %q", h, batch[h], one[h], want)
		}
	}
}
