package git

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// MinAbbrev is the fewest hex digits a short hash has, as in git.
const MinAbbrev = 7

// ShortHashes abbreviates each hash the way git rev-parse --short does: the
// shortest prefix, at least MinAbbrev digits, that no other object in the
// repository shares. It lists the object ids once for the whole batch.
func (r *Repo) ShortHashes(hs []plumbing.Hash) (map[plumbing.Hash]string, error) {
	out := make(map[plumbing.Hash]string, len(hs))
	if len(hs) == 0 {
		return out, nil
	}
	var prefix []byte // one pass over every id for a batch
	if len(hs) == 1 {
		prefix = hs[0][:3] // the first 6 digits: every rival for 7 shares them
	}
	all, err := r.objs.hashesWithPrefix(prefix)
	if err != nil {
		return nil, fmt.Errorf("list objects: %w", err)
	}
	slices.SortFunc(all, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	all = slices.Compact(all)
	for _, h := range hs {
		out[h] = abbrevAmong(all, h)
	}
	return out, nil
}

// abbrevAmong is the shortest prefix of h, at least MinAbbrev digits, that
// no other hash of the sorted list all shares.
func abbrevAmong(all []plumbing.Hash, h plumbing.Hash) string {
	n := MinAbbrev
	i, _ := slices.BinarySearchFunc(all, h, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	for _, j := range []int{i - 1, i, i + 1} {
		if j < 0 || j >= len(all) || all[j] == h {
			continue
		}
		n = max(n, sharedDigits(all[j], h)+1)
	}
	return hex.EncodeToString(h[:])[:min(n, 2*len(h))]
}

// sharedDigits counts the leading hex digits a and b share.
func sharedDigits(a, b plumbing.Hash) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i]>>4 == b[i]>>4 {
				return 2*i + 1
			}
			return 2 * i
		}
	}
	return 2 * len(a)
}
