package stamp

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// regexKey returns the text the reference's regex-escaping would produce for
// v. Variants are tried in the sorted order of these keys, which fixes which
// alternative "wins" when two could match at the same place.
func regexKey(v string) string {
	if !strings.ContainsAny(v, regexSpecial) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if strings.IndexByte(regexSpecial, v[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// regexSpecial are the bytes regexKey escapes.
const regexSpecial = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"

// sortedVariants dedups vs and sorts them by regexKey. Each key is built
// once; regexKey is one-to-one, so no two variants tie.
func sortedVariants(vs map[string]struct{}) []string {
	type keyed struct{ key, v string }
	ks := make([]keyed, 0, len(vs))
	for v := range vs {
		ks = append(ks, keyed{regexKey(v), v})
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.v
	}
	return out
}

// genericPhase matches `phase<ws>*N` (N = digits[.digits]), case-insensitively,
// and returns N.
func genericPhase(s string) (string, bool) {
	if !hasFold(s, 0, "phase") {
		return "", false
	}
	return number(s, skipSpace(s, 5))
}

// seriesNumber matches `<letters><ws>*N` and returns the letters and N.
func seriesNumber(s string) (letters, num string, ok bool) {
	i := 0
	for i < len(s) && (('a' <= s[i] && s[i] <= 'z') || ('A' <= s[i] && s[i] <= 'Z')) {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	num, ok = number(s, skipSpace(s, i))
	return s[:i], num, ok
}

// number matches digits[.digits] from i to the end of s.
func number(s string, i int) (string, bool) {
	j, n := skipDigits(s, i)
	if n == 0 {
		return "", false
	}
	if j < len(s) && s[j] == '.' {
		k, m := skipDigits(s, j+1)
		if m == 0 {
			return "", false
		}
		j = k
	}
	if j != len(s) {
		return "", false
	}
	return s[i:j], true
}

// phaseVariants returns the spellings of phase that count as the phase:
// the phase itself, its `'` <-> `prime` respellings, and, when a plan is
// given, the `Phase N` <-> `<PLAN>N` synonyms.
func phaseVariants(phase, plan string) []string {
	vs := map[string]struct{}{phase: {}}
	if strings.Contains(phase, "'") {
		vs[strings.ReplaceAll(phase, "'", "prime")] = struct{}{}
	}
	if strings.Contains(phase, "prime") {
		vs[strings.ReplaceAll(phase, "prime", "'")] = struct{}{}
	}
	if plan != "" {
		bare := trimSpace(phase)
		if n, ok := genericPhase(bare); ok {
			vs[plan+n] = struct{}{}
			vs[plan+" "+n] = struct{}{}
		} else if letters, n, ok := seriesNumber(bare); ok && strings.EqualFold(letters, plan) {
			vs["Phase "+n] = struct{}{}
			vs["Phase"+n] = struct{}{}
		}
	}
	return sortedVariants(vs)
}

// altKind says how a release/body alternative is matched.
type altKind uint8

const (
	// altLiteral is the text itself.
	altLiteral altKind = iota
	// altGlued is `<PLAN><ws>*N`.
	altGlued
	// altAdjacent is `<PLAN><ws>*[:]<ws>+Phase<ws>*N` (one ws at least
	// between the plan and "Phase").
	altAdjacent
)

// relAlt is one alternative of the series-qualified token set used by the
// release-prefix and body passes, where nothing anchors the series.
type relAlt struct {
	kind altKind
	text string // the literal, or N
}

// releaseAlts builds the series-qualified alternation: a bare `Phase N`
// would collide across plans, so it is only accepted next to the plan.
func releaseAlts(plan, phase string) []relAlt {
	if n, ok := genericPhase(trimSpace(phase)); ok {
		return []relAlt{{altGlued, n}, {altAdjacent, n}}
	}
	var out []relAlt
	for _, v := range phaseVariants(phase, plan) {
		// The reference tests the plan against the escaped spelling; keep that.
		if plan != "" && strings.Contains(strings.ToLower(regexKey(v)), strings.ToLower(plan)) {
			out = append(out, relAlt{altLiteral, v})
		} else if n, ok := genericPhase(v); ok {
			out = append(out, relAlt{altAdjacent, n})
		} else {
			out = append(out, relAlt{altLiteral, v})
		}
	}
	return out
}

// seriesVariants returns the plan spellings a trailer may use: the plan, and
// for a `<head>_<slug>` plan whose head holds a digit, the bare head, unless
// that head's number is shared by several plan docs.
func seriesVariants(plan string, ambiguous []string) []string {
	vs := map[string]struct{}{plan: {}}
	if head, ok := planHead(plan); ok {
		tok := strings.ReplaceAll(head, "\\", "/")
		tok = strings.ToLower(tok[strings.LastIndexByte(tok, '/')+1:])
		amb := false
		for _, a := range ambiguous {
			if strings.EqualFold(a, tok) {
				amb = true
			}
		}
		if !amb {
			vs[head] = struct{}{}
		}
	}
	return sortedVariants(vs)
}

// planHead matches `^([^_\s]*\d[a-z0-9]*)_` case-insensitively: the shortest
// reading in which a digit is followed only by alphanumerics up to the first
// underscore.
func planHead(plan string) (string, bool) {
	us := strings.IndexByte(plan, '_')
	if us < 0 {
		return "", false
	}
	head := plan[:us]
	for i := 0; i < len(head); {
		if n := spaceAt(head, i); n > 0 {
			return "", false
		}
		i++
	}
	// The head must end in: a digit followed by ASCII alphanumerics only.
	j := len(head)
	for j > 0 && isAlnum(head[j-1]) {
		j--
	}
	for k := j; k < len(head); k++ {
		if '0' <= head[k] && head[k] <= '9' {
			return head, true
		}
	}
	// A non-ASCII digit right before the alnum tail also qualifies.
	if r, _ := utf8.DecodeLastRuneInString(head[:j]); j > 0 && unicode.IsDigit(r) {
		return head, true
	}
	return "", false
}

// bundleSlugs returns the upper-cased series slugs named by summary-bundle
// prefixes (`docs/HYG:` -> `HYG`).
func bundleSlugs(c Convention) []string {
	var out []string
	for _, p := range c.SummaryBundlePrefixes {
		slug := strings.TrimRight(trimSpace(p), ":")
		if i := strings.LastIndexByte(slug, '/'); i >= 0 {
			slug = slug[i+1:]
		}
		if slug != "" {
			out = append(out, strings.ToUpper(slug))
		}
	}
	return out
}
