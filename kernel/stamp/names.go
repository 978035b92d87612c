package stamp

// This file answers the reverse question: not "does this subject ship
// (plan, phase)?" but "which units of work does this subject stamp?". It
// has no grammar of its own. It reads candidate (plan, phase) pairs out of
// the subject's words and keeps those for which the [Matcher] compiled for
// the pair says the subject ships it, so it counts exactly what
// `dos verify` would match.

// maxStampWords bounds the words read from one subject; a stamp sits in
// the first few words or in a closing parenthesis, and subjects are short.
const maxStampWords = 64

// stampRungs are the rungs on which a subject stamps a unit of work: a
// stamp at its start, a stamp in a closing parenthesis, or a mention in a
// release subject. The slug and sub-phase fallbacks only widen what an
// existing query accepts, so they name nothing on their own.
func stampRungs() Rungs { return bit(Direct) | bit(Trailer) | bit(ReleasePrefix) }

// IsPhaseID reports whether s is shaped like a phase id: letters, digits
// and `_ - . / '`, starting with a letter or digit, with at least one
// letter and one digit (`AUTH1`, `P3b.2`, `RS4-port`). Plan docs declare
// phases with this shape, and only such phases count as named work.
func IsPhaseID(s string) bool {
	if s == "" || !isAlnum(s[0]) {
		return false
	}
	letter, digit := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
			letter = true
		case c == '_' || c == '-' || c == '.' || c == '/' || c == '\'':
		default:
			return false
		}
	}
	return letter && digit
}

// isIDByte reports whether c may be part of a plan or phase word.
func isIDByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '\'' }

// idWords splits s into maximal runs of id bytes, with the byte after each.
func idWords(s string) (words []string, next []byte) {
	for i := 0; i < len(s) && len(words) < maxStampWords; {
		if !isIDByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isIDByte(s[j]) {
			j++
		}
		words = append(words, s[i:j])
		if j < len(s) {
			next = append(next, s[j])
		} else {
			next = append(next, 0)
		}
		i = j
	}
	return words, next
}

// Stamped returns the units of work subject stamps under convention c,
// one query per phase, in the order they are found. Candidates are read
// from the subject's words: a phase id glued to a colon (`AUTH1:`, whose
// plan is left empty because the grammar does not need one), a phase id in
// a release subject (with its leading letters as the plan), then a pair of
// adjacent words whose second is a phase id (`AUTH: AUTH1`), or a plan
// word followed by `Phase N`. A candidate counts only when the matcher
// compiled for it matches subject on the direct, trailer or release-prefix
// rung. A subject that opens with a release or summary prefix (`v1.2.3:`)
// is a release note: it counts only for the phases it mentions, never for
// the version in front.
func Stamped(subject string, c Convention) []Query {
	s := stripBOM(subject)
	words, next := idWords(s)
	release := startsSummary(s, c.SummaryBundlePrefixes)
	var cands []Query
	for i, w := range words {
		switch {
		case release && IsPhaseID(w):
			cands = append(cands, Query{Plan: leadingLetters(w), Phase: w})
		case !release && next[i] == ':' && IsPhaseID(w):
			cands = append(cands, Query{Phase: w})
		}
	}
	for i, w := range words {
		if i+1 < len(words) && IsPhaseID(words[i+1]) {
			cands = append(cands, Query{Plan: w, Phase: words[i+1]})
		}
		if i+2 < len(words) && lowerEqual(words[i+1], "phase") {
			if _, ok := number(words[i+2], 0); ok {
				cands = append(cands, Query{Plan: w, Phase: "Phase " + words[i+2]})
			}
		}
	}
	var out []Query
	for _, q := range cands {
		if hasPhase(out, q.Phase) {
			continue
		}
		rs := Compile(q, c).Subject(subject)
		if release {
			rs &= bit(ReleasePrefix)
		}
		if rs&stampRungs() != 0 {
			out = append(out, q)
		}
	}
	return out
}

// leadingLetters is the ASCII letters w starts with (`AUTH` of `AUTH7`).
func leadingLetters(w string) string {
	i := 0
	for i < len(w) && (('a' <= w[i] && w[i] <= 'z') || ('A' <= w[i] && w[i] <= 'Z')) {
		i++
	}
	return w[:i]
}

// hasPhase reports whether qs already names phase (ASCII case folded).
func hasPhase(qs []Query, phase string) bool {
	for _, q := range qs {
		if lowerEqual(q.Phase, phase) {
			return true
		}
	}
	return false
}
