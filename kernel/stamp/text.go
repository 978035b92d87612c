package stamp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the character classes of the grammar. Literal text (plan,
// phase, prefixes) is compared with ASCII case folding only; the classes
// "whitespace", "word" and "digit" follow the reference's Unicode-aware
// regular expressions so that, say, a no-break space still separates a
// series from its phase.

const bom = "\uFEFF"

// lowerASCII lowercases an ASCII capital and leaves every other byte alone.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}

// isAlnum reports whether b is ASCII [A-Za-z0-9]: the index token alphabet.
func isAlnum(b byte) bool {
	return ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

// isTight reports whether b would continue a stamp token: [A-Za-z0-9.-].
func isTight(b byte) bool { return isAlnum(b) || b == '.' || b == '-' }

// boundaryAfter reports whether a token ending at i is not continued.
func boundaryAfter(s string, i int) bool { return i >= len(s) || !isTight(s[i]) }

// boundaryBefore reports whether a token starting at i is not preceded by a
// token character.
func boundaryBefore(s string, i int) bool { return i == 0 || !isTight(s[i-1]) }

// hasFold reports whether lit occurs in s at i, ASCII case-insensitively.
func hasFold(s string, i int, lit string) bool {
	if i < 0 || len(s)-i < len(lit) {
		return false
	}
	for k := 0; k < len(lit); k++ {
		if lowerASCII(s[i+k]) != lowerASCII(lit[k]) {
			return false
		}
	}
	return true
}

// isSpaceRune is the reference's notion of whitespace (Python's str.isspace).
func isSpaceRune(r rune) bool { return unicode.IsSpace(r) || (0x1c <= r && r <= 0x1f) }

// spaceAt returns the byte width of the whitespace rune at i, or 0.
func spaceAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if b := s[i]; b < utf8.RuneSelf {
		if b == ' ' || ('\t' <= b && b <= '\r') || (0x1c <= b && b <= 0x1f) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r != utf8.RuneError && isSpaceRune(r) {
		return n
	}
	return 0
}

// skipSpace returns the end of the whitespace run starting at i.
func skipSpace(s string, i int) int {
	for {
		n := spaceAt(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
}

// trimSpace strips whitespace from both ends, like Python's str.strip().
func trimSpace(s string) string {
	s = s[skipSpace(s, 0):]
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if r == utf8.RuneError || !isSpaceRune(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// isWordRune is the reference's \w: letters, numbers and underscore.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r)) || r == '_'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

// wordAt returns the byte width of the word rune at i, or 0.
func wordAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if isWordRune(r) {
		return n
	}
	return 0
}

// wordBefore reports whether the rune ending at i is a word rune.
func wordBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// digitAt returns the byte width of the decimal digit rune at i, or 0.
func digitAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r != utf8.RuneError && unicode.IsDigit(r) {
		return n
	}
	return 0
}

// skipDigits returns the end of the digit run starting at i and its length
// in runes.
func skipDigits(s string, i int) (end, count int) {
	for {
		n := digitAt(s, i)
		if n == 0 {
			return i, count
		}
		i += n
		count++
	}
}

// Tokens returns the index tokens of text: the maximal runs of ASCII letters
// and digits, lowercased, each once, in order of first appearance. Every
// other byte (punctuation, whitespace, any non-ASCII byte) separates tokens.
func Tokens(text string) []string {
	var out []string
	var seen map[string]struct{} // built once the list is long
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isAlnum(text[j]) {
			j++
		}
		tok := strings.ToLower(text[i:j])
		i = j
		if seen != nil {
			if _, dup := seen[tok]; dup {
				continue
			}
			seen[tok] = struct{}{}
		} else if containsString(out, tok) {
			continue
		} else if len(out) == 32 {
			seen = make(map[string]struct{}, 64)
			for _, o := range out {
				seen[o] = struct{}{}
			}
			seen[tok] = struct{}{}
		}
		out = append(out, tok)
	}
	return out
}

// containsString reports whether list holds s.
func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isGitSpace is the whitespace git trims from the end of message lines.
func isGitSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// messageLines splits a raw commit message into lines with trailing git
// whitespace removed.
func messageLines(message string) []string {
	lines := strings.Split(message, "\n")
	for i, l := range lines {
		j := len(l)
		for j > 0 && isGitSpace(l[j-1]) {
			j--
		}
		lines[i] = l[:j]
	}
	return lines
}

// SubjectOf returns git's %s for a raw commit message: blank lines at the top
// are skipped, the first paragraph is kept with each line's trailing
// whitespace removed, and its lines are joined by single spaces. A leading
// byte-order mark is dropped: it is an editor artefact, never part of a stamp.
func SubjectOf(message string) string {
	message = strings.TrimPrefix(message, bom)
	lines := messageLines(message)
	i := 0
	for i < len(lines) && lines[i] == "" {
		i++
	}
	j := i
	for j < len(lines) && lines[j] != "" {
		j++
	}
	return strings.Join(lines[i:j], " ")
}

// SplitMessage splits a raw commit message the way the body-mention pass
// reads it: firstLine is the first line that is not blank (trimmed), body is
// everything after that line.
func SplitMessage(message string) (firstLine, body string) {
	message = strings.TrimPrefix(message, bom)
	for message != "" {
		line, rest, _ := strings.Cut(message, "\n")
		if t := trimSpace(line); t != "" {
			return t, rest
		}
		message = rest
	}
	return "", ""
}

// normSlug lowercases s and folds every run of whitespace, '-' and '_' into
// one '_', the normalisation the slug fallbacks compare with.
func normSlug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == '_' || isSpaceRune(r) {
			gap = true
			continue
		}
		if gap {
			b.WriteByte('_')
			gap = false
		}
		b.WriteRune(r)
	}
	if gap {
		b.WriteByte('_')
	}
	return b.String()
}
