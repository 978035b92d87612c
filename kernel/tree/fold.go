package tree

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold is Unicode full case folding (Python's str.casefold) followed by
// lower-casing, with an ASCII fast path; lane names and paths are compared
// folded. Lower-casing after folding keeps the result stable where a fold
// lands on an upper-case letter (Cherokee).
//
// Most letters fold like their upper case's lower case; the few that do
// not are in fullFolds (a letter that folds to more than one, such as ß to
// ss) or are the dotless i, which folds to itself. fold_test.go checks
// every code point against golang.org/x/text/cases, which this replaced
// so that the hook binary does not pay for its tables at start-up.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(unicode.ToLower(r))
		case r == 'ı':
			b.WriteRune(r)
		default:
			if m, ok := fullFold(r); ok {
				b.WriteString(m)
				continue
			}
			b.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
		}
	}
	return b.String()
}

// fullFold looks r up in fullFolds.
func fullFold(r rune) (string, bool) {
	if r < fullFolds[0].r || r > fullFolds[len(fullFolds)-1].r {
		return "", false
	}
	i := sort.Search(len(fullFolds), func(i int) bool { return fullFolds[i].r >= r })
	if i < len(fullFolds) && fullFolds[i].r == r {
		return fullFolds[i].to, true
	}
	return "", false
}
