package stamp

import (
	"slices"
	"strings"
)

// Keys returns index tokens for the query: every subject with a non-zero
// Subject and every body accepted by Body contains at least one of them
// among its Tokens. ok is false when no such set exists (for instance a
// phase and plan with no ASCII letter or digit), and the caller must then
// scan every commit.
//
// Why this holds: each rung's match ends at a boundary (the next byte is not
// a letter, digit, '.' or '-') or at a fixed delimiter, and starts after
// whitespace, a '/', a '(' or the subject start. Between those edges the
// match is query text (plan, phase spelling, declared directory) joined by
// separators that are never letters or digits. So every alphanumeric run of
// that text is a whole token of the subject; for each spelling we keep the
// most selective run (letters and digits together, longest), and enumerate
// both readings where optional whitespace may or may not split a run.
// The returned slice must not be modified.
func (m *Matcher) Keys() (keys []string, ok bool) { return m.keys, m.keysOK }

// KeyGroups returns, for each spelling a match can take, every token that
// spelling fixes: whenever a subject (or body) matches, all the tokens of
// at least one group are among its Tokens. An index can therefore
// intersect the postings inside a group and unite the groups, which is far
// narrower than one key per spelling when the plan name is common (every
// "AUTH: ..." subject holds "auth"). ok is as for [Matcher.Keys].
func (m *Matcher) KeyGroups() (groups [][]string, ok bool) { return m.groups, m.keysOK }

// computeKeys derives the key set and the key groups once, at compile time.
func (m *Matcher) computeKeys() ([]string, [][]string, bool) {
	var keys []string
	var groups [][]string
	ok := true
	add := func(head, region string) {
		src := region
		k := bestRun(region)
		if k == "" {
			src, k = head, bestRun(head)
		}
		if k == "" {
			ok = false
			return
		}
		g := allRuns(src)
		if !slices.ContainsFunc(groups, func(h []string) bool { return slices.Equal(h, g) }) {
			groups = append(groups, g)
		}
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	plan := m.q.Plan
	heads := []string{""}
	if len(m.conv.SubjectDirs) > 0 {
		heads = heads[:0]
		for _, d := range m.conv.SubjectDirs {
			heads = append(heads, d+"/")
		}
	}
	for _, v := range m.variants {
		for _, h := range heads {
			add(h, plan+" "+v)
		}
		if len(m.conv.SubjectDirs) == 0 {
			add("", plan+v+":")
			add("", v+":")
		}
	}
	for _, series := range m.series {
		for _, v := range m.variants {
			add("", series+" "+v)
			if v != "" && isAlnum(v[len(v)-1]) {
				for _, kw := range [...]string{"fixes", "closes", "refs"} {
					add("", series+" "+v+kw)
				}
			}
		}
	}
	for _, a := range m.rel {
		switch a.kind {
		case altLiteral:
			add("", a.text)
		case altGlued:
			add("", plan+a.text)
			add("", plan+" "+a.text)
		case altAdjacent:
			add("", plan+" phase"+a.text)
			add("", plan+" phase "+a.text)
		}
	}
	if m.hyg {
		for _, h := range heads {
			add(h, plan)
		}
	}
	if m.sub && m.suffixSlug != "" {
		for _, v := range m.parentVariants {
			for _, h := range heads {
				add(h, plan+" "+v)
			}
		}
	}
	if !ok {
		return nil, nil, false
	}
	return keys, groups, true
}

// allRuns returns every ASCII alphanumeric run of s, lowercased, sorted and
// without repeats.
func allRuns(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if !isAlnum(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		out = append(out, strings.ToLower(s[i:j]))
		i = j
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bestRun returns the most selective ASCII alphanumeric run of s, lowercased:
// runs holding letters and digits beat the rest, then longer runs win; bare
// short numbers and the word "phase" are poor filters and rank low. It
// returns "" when s has no run.
func bestRun(s string) string {
	best, bestScore := "", 0
	for i := 0; i < len(s); {
		if !isAlnum(s[i]) {
			i++
			continue
		}
		j := i
		letters, digits := false, false
		for j < len(s) && isAlnum(s[j]) {
			if s[j] <= '9' {
				digits = true
			} else {
				letters = true
			}
			j++
		}
		run := strings.ToLower(s[i:j])
		score := 2 * len(run)
		switch {
		case letters && digits:
			score += 20
		case !letters:
			score -= 10
		case run == "phase":
			score -= 8
		}
		if best == "" || score > bestScore {
			best, bestScore = run, score
		}
		i = j
	}
	return best
}
