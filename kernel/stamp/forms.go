package stamp

import (
	"strings"
	"unicode/utf8"
)

// This file matches the subject shapes. Each function mirrors one pattern of
// the grammar and tries its alternatives in the same order a backtracking
// regular expression would, so "the first match" (whose end decides the
// progress-only guard) is the same one the reference sees. Boundaries are
// checked by hand: no look-around is needed.

// starts calls try for every position a stamp may begin at: after any
// leading whitespace (the longest skip first), then with less of it skipped.
// It returns the first end try reports.
func starts(s string, try func(c int) (int, bool)) (int, bool) {
	lead := skipSpace(s, 0)
	for c := lead; ; {
		if e, ok := try(c); ok {
			return e, true
		}
		if c == 0 {
			return 0, false
		}
		_, n := utf8.DecodeLastRuneInString(s[:c])
		c -= n
	}
}

// dirSegment matches one path segment `\w[\w.-]*/` at i and returns the
// index after the slash.
func dirSegment(s string, i int) (int, bool) {
	n := wordAt(s, i)
	if n == 0 {
		return 0, false
	}
	j := i + n
	for j < len(s) {
		if s[j] == '/' {
			return j + 1, true
		}
		if s[j] == '.' || s[j] == '-' {
			j++
			continue
		}
		w := wordAt(s, j)
		if w == 0 {
			return 0, false
		}
		j += w
	}
	return 0, false
}

// dirs calls try after each admissible directory prefix at c, in trial order.
// With subject dirs the prefix is one of them and required (unless optional
// is set); without, it is an optional single segment.
func (m *Matcher) dirs(s string, c int, optional bool, try func(c int) (int, bool)) (int, bool) {
	if len(m.conv.SubjectDirs) == 0 {
		if q, ok := dirSegment(s, c); ok {
			if e, ok := try(q); ok {
				return e, true
			}
		}
		return try(c)
	}
	for _, d := range m.conv.SubjectDirs {
		if hasFold(s, c, d) && c+len(d) < len(s) && s[c+len(d)] == '/' {
			if e, ok := try(c + len(d) + 1); ok {
				return e, true
			}
		}
	}
	if optional {
		return try(c)
	}
	return 0, false
}

// spaced matches `<ws>+` at p followed by one of vars, giving back
// whitespace one rune at a time as a greedy match would, and calls done with
// the end of the variant; done says whether the rest of the pattern holds.
func spaced(s string, p int, vars []string, done func(e int) bool) (int, bool) {
	w := skipSpace(s, p)
	for k := w; k > p; {
		for _, v := range vars {
			if hasFold(s, k, v) && done(k+len(v)) {
				return k + len(v), true
			}
		}
		_, n := utf8.DecodeLastRuneInString(s[:k])
		k -= n
	}
	return 0, false
}

// prefixed matches `<PLAN>[:]<ws>+<VARIANT>` + boundary at c.
func (m *Matcher) prefixed(s string, c int, vars []string) (int, bool) {
	if !hasFold(s, c, m.q.Plan) {
		return 0, false
	}
	p := c + len(m.q.Plan)
	if p < len(s) && s[p] == ':' {
		p++
	}
	return spaced(s, p, vars, func(e int) bool { return boundaryAfter(s, e) })
}

// glued matches `[<PLAN>]<VARIANT>:` + boundary at c.
func (m *Matcher) glued(s string, c int) (int, bool) {
	at := func(p int) (int, bool) {
		for _, v := range m.variants {
			e := p + len(v)
			if hasFold(s, p, v) && e < len(s) && s[e] == ':' && boundaryAfter(s, e+1) {
				return e + 1, true
			}
		}
		return 0, false
	}
	if hasFold(s, c, m.q.Plan) {
		if e, ok := at(c + len(m.q.Plan)); ok {
			return e, true
		}
	}
	return at(c)
}

// direct returns the end of the first direct-form match of s.
func (m *Matcher) direct(s string) (int, bool) {
	return starts(s, func(c int) (int, bool) {
		return m.dirs(s, c, false, func(c int) (int, bool) {
			if e, ok := m.prefixed(s, c, m.variants); ok {
				return e, true
			}
			if len(m.conv.SubjectDirs) == 0 {
				return m.glued(s, c)
			}
			return 0, false
		})
	})
}

// parent returns the end of the first `<dir>/<PLAN>[:] <PARENT>` match.
func (m *Matcher) parent(s string) (int, bool) {
	return starts(s, func(c int) (int, bool) {
		return m.dirs(s, c, false, func(c int) (int, bool) {
			return m.prefixed(s, c, m.parentVariants)
		})
	})
}

// trailer reports whether s ends with a parenthesised stamp:
// `(<ws>*[refs<ws>+][<dir>/]<SERIES>[:]<ws>+<VARIANT><issue refs><ws>*)<ws>*`.
func (m *Matcher) trailer(s string) bool {
	limit := strings.IndexByte(s, '\n')
	if limit < 0 {
		limit = len(s)
	}
	for i := 0; i < limit; i++ {
		if s[i] != '(' {
			continue
		}
		// `\(\s*(refs\s+)?`: whitespace may be given back to a later `\s+`
		// when the plan spelling is empty.
		if back(s, i+1, skipSpace(s, i+1), func(p int) bool {
			if hasFold(s, p, "refs") {
				q0 := p + len("refs")
				if w := spaceAt(s, q0); w > 0 && back(s, q0+w, skipSpace(s, q0), func(q int) bool {
					return m.trailerSeries(s, q)
				}) {
					return true
				}
			}
			return m.trailerSeries(s, p)
		}) {
			return true
		}
	}
	return false
}

// back calls try at hi and then at each earlier rune boundary down to lo,
// the order in which a greedy whitespace run gives characters back.
func back(s string, lo, hi int, try func(c int) bool) bool {
	for c := hi; ; {
		if try(c) {
			return true
		}
		if c <= lo {
			return false
		}
		_, n := utf8.DecodeLastRuneInString(s[:c])
		c -= n
	}
}

// trailerSeries matches the part of a trailer from its optional dir prefix on.
func (m *Matcher) trailerSeries(s string, p int) bool {
	_, ok := m.dirs(s, p, true, func(c int) (int, bool) {
		for _, series := range m.series {
			if !hasFold(s, c, series) {
				continue
			}
			q := c + len(series)
			if q < len(s) && s[q] == ':' {
				q++
			}
			if e, ok := spaced(s, q, m.variants, func(e int) bool { return issueTail(s, e) }); ok {
				return e, true
			}
		}
		return 0, false
	})
	return ok
}

// issueTail matches `(<ws>*[,;]<ws>*[fixes|closes|refs]<ws>*#<digits>)*<ws>*)<ws>*`
// through the end of s.
func issueTail(s string, p int) bool {
	for {
		q := skipSpace(s, p)
		if q < len(s) && s[q] == ')' {
			return skipSpace(s, q+1) == len(s)
		}
		if q < len(s) && (s[q] == ',' || s[q] == ';') {
			q = skipSpace(s, q+1)
		}
		for _, kw := range [...]string{"fixes", "closes", "refs"} {
			if hasFold(s, q, kw) {
				q = skipSpace(s, q+len(kw))
				break
			}
		}
		if q >= len(s) || s[q] != '#' {
			return false
		}
		e, n := skipDigits(s, q+1)
		if n == 0 {
			return false
		}
		p = e
	}
}

// release returns the end of the first series-qualified token after a
// summary-bundle prefix, with boundaries on both sides.
func (m *Matcher) release(s string) (int, bool) {
	return starts(s, func(c int) (int, bool) {
		var end int
		found := summaryEnd(s, c, m.conv.SummaryBundlePrefixes, func(p int) bool {
			e, ok := m.mention(s, p)
			end = e
			return ok
		})
		return end, found
	})
}

// mention finds the first series-qualified token in s at or after p (within
// the first line) with boundaries on both sides and returns its end.
func (m *Matcher) mention(s string, p int) (int, bool) {
	for t := p; t <= len(s); t++ {
		if t < len(s) && s[t]&0xC0 == 0x80 {
			continue // inside a multi-byte character: not a position
		}
		if boundaryBefore(s, t) {
			for _, a := range m.rel {
				if e, ok := a.at(s, t, m.q.Plan); ok && boundaryAfter(s, e) {
					return e, true
				}
			}
		}
		if t < len(s) && s[t] == '\n' {
			break
		}
	}
	return 0, false
}

// at matches the alternative at t and returns its end.
func (a relAlt) at(s string, t int, plan string) (int, bool) {
	switch a.kind {
	case altLiteral:
		if hasFold(s, t, a.text) {
			return t + len(a.text), true
		}
		return 0, false
	case altGlued:
		if !hasFold(s, t, plan) {
			return 0, false
		}
		u := skipSpace(s, t+len(plan))
		if hasFold(s, u, a.text) {
			return u + len(a.text), true
		}
		return 0, false
	}
	if !hasFold(s, t, plan) {
		return 0, false
	}
	p := t + len(plan)
	u := skipSpace(s, p)
	if u < len(s) && s[u] == ':' {
		w := skipSpace(s, u+1)
		if w == u+1 {
			return 0, false
		}
		u = w
	} else if u == p {
		return 0, false
	}
	if !hasFold(s, u, "phase") {
		return 0, false
	}
	u = skipSpace(s, u+len("phase"))
	if hasFold(s, u, a.text) {
		return u + len(a.text), true
	}
	return 0, false
}

// hygRest returns the text after `<dir>/<PLAN>[:]<ws>+` for the first such
// match: the part the slug fallback searches.
func (m *Matcher) hygRest(s string) (string, bool) {
	var rest string
	_, ok := starts(s, func(c int) (int, bool) {
		return m.dirs(s, c, false, func(c int) (int, bool) {
			if !hasFold(s, c, m.q.Plan) {
				return 0, false
			}
			p := c + len(m.q.Plan)
			if p < len(s) && s[p] == ':' {
				p++
			}
			w := skipSpace(s, p)
			if w == p {
				return 0, false
			}
			if w == len(s) {
				// `.+` needs one character: give back one whitespace rune.
				_, n := utf8.DecodeLastRuneInString(s[:w])
				if w-n == p || s[w-n] == '\n' {
					return 0, false
				}
				w -= n
			}
			if strings.IndexByte(s[w:], '\n') >= 0 {
				return 0, false
			}
			rest = s[w:]
			return w, true
		})
	})
	return rest, ok
}
