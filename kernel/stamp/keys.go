package stamp

// Keys returns index tokens for the query: every subject with a non-zero
// Subject and every body accepted by Body contains at least one of them
// among its Tokens. ok is false when no such set exists (for instance a
// phase and plan with no ASCII letter or digit), and the caller must then
// scan every commit.
//
// Why this holds: each rung's match ends at a boundary (the next byte is not
// a letter, digit, '.' or '-') or at a fixed delimiter, and starts after
// whitespace, a '/', a '(' or the subject start. So the last alphanumeric run
// of the query-determined tail of the match — the phase spelling, or the plan
// plus the phase for the glued and series-qualified forms — is a whole token
// of the subject. The sets returned are those runs, for every spelling.
// The returned slice must not be modified.
func (m *Matcher) Keys() (keys []string, ok bool) { return m.keys, m.keysOK }

// computeKeys derives the key set once, at compile time.
func (m *Matcher) computeKeys() ([]string, bool) {
	var keys []string
	ok := true
	add := func(region string) {
		k := lastRun(region)
		if k == "" {
			ok = false
			return
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
			add(h + plan + " " + v)
		}
		if len(m.conv.SubjectDirs) == 0 {
			add(plan + v + ":")
			add(v + ":")
		}
	}
	for _, series := range m.series {
		for _, v := range m.variants {
			add(series + " " + v)
			if v != "" && isAlnum(v[len(v)-1]) {
				for _, kw := range [...]string{"fixes", "closes", "refs"} {
					add(series + " " + v + kw)
				}
			}
		}
	}
	for _, a := range m.rel {
		switch a.kind {
		case altLiteral:
			add(a.text)
		case altGlued:
			add(plan + a.text)
			add(plan + " " + a.text)
		case altAdjacent:
			add(plan + " phase" + a.text)
			add(plan + " phase " + a.text)
		}
	}
	if m.hyg {
		for _, h := range heads {
			add(h + plan + " ")
		}
	}
	if m.sub && m.suffixSlug != "" {
		for _, v := range m.parentVariants {
			for _, h := range heads {
				add(h + plan + " " + v)
			}
		}
	}
	if !ok {
		return nil, false
	}
	return keys, true
}
