package tree

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// metaChars are the glob metacharacters; a prefix stops at the first one.
const metaChars = "*?[{"

// Normalize reduces one tree entry to the literal prefix it can write
// under. ".." segments are resolved lexically ("src/../lib/x" is "lib/x");
// ok is false when the entry leaves the repository: a leading slash, a
// drive letter, a ".." that climbs above the root, or a ".." after a glob
// segment (what it climbs out of is not known). The prefix is then "" (the
// whole repository), so callers that ignore ok still over-refuse safely;
// [Confine] turns ok into an error. Symbolic links are not seen here: a
// caller with a file system resolves them first.
func Normalize(entry string) (prefix string, ok bool) {
	s := strings.TrimSpace(strings.ReplaceAll(entry, `\`, "/"))
	s, ok = resolveDots(s)
	if !ok {
		return "", false
	}
	if i := strings.IndexAny(s, metaChars); i >= 0 {
		s = s[:i]
	}
	// cleaning can expose space ("./ src") and trimming can expose a "."
	// segment (". *"): repeat until stable; each pass only shortens.
	for range 8 {
		c := strings.TrimSpace(clean(s))
		if c == s {
			break
		}
		s = c
	}
	return Fold(s), true
}

// Prefix is [Normalize] without the ok flag.
func Prefix(entry string) string {
	p, _ := Normalize(entry)
	return p
}

// ErrOutside is wrapped by [Confine] for an entry that names a place
// outside the repository.
var ErrOutside = errors.New("leaves the repository")

// Confine checks that every entry of tree stays inside the repository. The
// error names the first entry that does not and wraps [ErrOutside].
func Confine(tree []string) error {
	for _, e := range tree {
		if _, ok := Normalize(e); !ok {
			return fmt.Errorf("tree entry %q %w (trees are paths relative to the repository root)", e, ErrOutside)
		}
	}
	return nil
}

// resolveDots drops each ".." segment together with the segment before
// it. ok is false for an absolute entry, a ".." above the root, or a ".."
// whose parent segment holds a glob metacharacter.
func resolveDots(s string) (string, bool) {
	if strings.HasPrefix(s, "/") || len(s) >= 2 && s[1] == ':' && isLetter(s[0]) {
		return "", false
	}
	segs := strings.Split(s, "/")
	if !slices.Contains(segs, "..") {
		return s, true
	}
	out := make([]string, 0, len(segs))
	for _, seg := range segs {
		switch seg {
		case "", ".":
			continue
		case "..":
			if len(out) == 0 || strings.ContainsAny(out[len(out)-1], metaChars) {
				return "", false
			}
			out = out[:len(out)-1]
			continue
		}
		out = append(out, seg)
	}
	j := strings.Join(out, "/")
	if last := segs[len(segs)-1]; j != "" && (last == "" || last == "." || last == "..") {
		j += "/"
	}
	return j, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// clean drops empty, "." and a trailing partial "." or ".." segment,
// keeping a trailing slash (it separates "src/api/" from "src/apiary").
func clean(s string) string {
	if s == "" {
		return ""
	}
	segs := strings.Split(s, "/")
	last := len(segs) - 1
	out := segs[:0]
	for i, seg := range segs {
		switch {
		case seg == "" || seg == ".":
			continue
		case seg == ".." && i == last:
			// only reachable after a cut ("src/..*"): a name prefix, widen.
			continue
		}
		out = append(out, seg)
	}
	if len(out) == 0 {
		return ""
	}
	j := strings.Join(out, "/")
	if segs[last] == "" || segs[last] == "." || segs[last] == ".." {
		j += "/"
	}
	return j
}
