package tree

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// metaChars are the glob metacharacters; a prefix stops at the first one.
const metaChars = "*?[{"

// Normalize reduces one tree entry to the literal prefix it can write
// under. ok is false when the entry leaves the repository (a ".." segment,
// a leading slash, a drive letter); the prefix is then "" (the whole
// repository), so callers that ignore ok still over-refuse safely.
func Normalize(entry string) (prefix string, ok bool) {
	s := strings.TrimSpace(strings.ReplaceAll(entry, `\`, "/"))
	if escapes(s) {
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

// escapes reports an entry that names a place outside the repository.
func escapes(s string) bool {
	if strings.HasPrefix(s, "/") {
		return true
	}
	if len(s) >= 2 && s[1] == ':' && isLetter(s[0]) {
		return true
	}
	for seg := range strings.SplitSeq(s, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
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

// Fold is Unicode full case folding (Python's str.casefold), with an ASCII
// fast path; lane names and paths are compared folded.
func Fold(s string) string {
	// a cases.Caser is not safe to share between goroutines: one per call.
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			// lower-casing after folding makes the result stable where
			// x/text's fold is not (Cherokee folds to one case, then back).
			return strings.ToLower(cases.Fold().String(s))
		}
	}
	return strings.ToLower(s)
}
