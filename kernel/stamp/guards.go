package stamp

import (
	"unicode"
	"unicode/utf8"
)

// This file holds the guards shared by every pass: bookkeeping subjects
// (which name phases as narrative and never ship), progress-only stamps, and
// the summary-bundle prefix that opens release-style subjects.

// isBookkeeping reports whether subject names phases without shipping them:
// it starts with a declared bookkeeping prefix, its first colon-terminated
// segment ends with the word "snapshot", or it is a run-archive rollup
// (`[<segment>:] archive|rollup <YYYYMMDD>[T<digits>[Z]]`).
func isBookkeeping(subject string, prefixes []string) bool {
	s := trimSpace(stripBOM(subject))
	for _, p := range prefixes {
		if hasFold(s, 0, p) {
			return true
		}
	}
	colon := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			colon = i
			break
		}
	}
	if colon >= 8 && hasFold(s, colon-8, "snapshot") && !wordBefore(s, colon-8) {
		return true
	}
	if colon >= 0 && archiveAt(s, skipSpace(s, colon+1)) {
		return true
	}
	return archiveAt(s, 0)
}

// archiveAt matches `(archive|rollup)<ws>+<8 digits>[t<digits>[z]]` at i,
// followed by a word boundary.
func archiveAt(s string, i int) bool {
	switch {
	case hasFold(s, i, "archive"):
		i += len("archive")
	case hasFold(s, i, "rollup"):
		i += len("rollup")
	default:
		return false
	}
	j := skipSpace(s, i)
	if j == i {
		return false
	}
	j, n := skipDigits(s, j)
	if n < 8 {
		return false
	}
	if n > 8 {
		return false // a ninth digit leaves no word boundary after eight
	}
	if !wordAt0(s, j) {
		return true
	}
	if j < len(s) && (s[j] == 't' || s[j] == 'T') {
		k, m := skipDigits(s, j+1)
		if m > 0 {
			if k < len(s) && (s[k] == 'z' || s[k] == 'Z') && !wordAt0(s, k+1) {
				return true
			}
			return !wordAt0(s, k)
		}
	}
	return false
}

// wordAt0 reports whether a word rune starts at i.
func wordAt0(s string, i int) bool { return wordAt(s, i) > 0 }

// isProgressOnly reports whether the stamp ending at end is only a progress
// note: whitespace follows it and the next word is a progress marker.
func isProgressOnly(s string, end int, markers []string) bool {
	if len(markers) == 0 || spaceAt(s, end) == 0 {
		return false
	}
	i := skipSpace(s, end)
	j := i
	for j < len(s) && spaceAt(s, j) == 0 {
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	word := s[i:j]
	if word == "" {
		return false
	}
	for _, m := range markers {
		if lowerEqual(word, m) {
			return true
		}
	}
	return false
}

// lowerEqual reports whether a and b are equal once both are lowercased.
func lowerEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

// summaryEnd matches a summary-bundle prefix at i and returns the ends of
// every alternative that matches, in trial order: the release anchor
// `v<d>.<d>.<d>:` first, then each declared prefix.
func summaryEnd(s string, i int, prefixes []string, yield func(end int) bool) bool {
	if e, ok := versionAnchor(s, i); ok && yield(e) {
		return true
	}
	for _, p := range prefixes {
		if hasFold(s, i, p) && yield(i+len(p)) {
			return true
		}
	}
	return false
}

// versionAnchor matches `v<digits>.<digits>.<digits>:` at i.
func versionAnchor(s string, i int) (int, bool) {
	if i >= len(s) || (s[i] != 'v' && s[i] != 'V') {
		return 0, false
	}
	j := i + 1
	for part := 0; part < 3; part++ {
		k, n := skipDigits(s, j)
		if n == 0 {
			return 0, false
		}
		want := byte('.')
		if part == 2 {
			want = ':'
		}
		if k >= len(s) || s[k] != want {
			return 0, false
		}
		j = k + 1
	}
	return j, true
}

// startsSummary reports whether s (leading whitespace skipped) opens with a
// summary-bundle prefix.
func startsSummary(s string, prefixes []string) bool {
	s = stripBOM(s)
	return summaryEnd(s, skipSpace(s, 0), prefixes, func(int) bool { return true })
}

// stripBOM drops one leading byte-order mark.
func stripBOM(s string) string {
	if len(s) >= len(bom) && s[:len(bom)] == bom {
		return s[len(bom):]
	}
	return s
}
