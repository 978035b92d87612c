package stamp

import "strings"

// Query is one verify question: did phase Phase of plan (series) Plan ship?
// Both strings are used as typed; matching is ASCII case-insensitive.
type Query struct{ Plan, Phase string }

// Options carries workspace facts a matcher may need beyond the convention.
type Options struct {
	// AmbiguousHeads lists plan number heads ("306") shared by two or more
	// plan docs; a trailer may not use such a head as a short plan spelling.
	AmbiguousHeads []string
}

// Matcher answers, for one (plan, phase) under one convention, which rungs a
// commit subject or body satisfies. Build it once with Compile; matching then
// allocates nothing on the common paths. A Matcher is safe for concurrent use.
type Matcher struct {
	q    Query
	conv Convention

	variants       []string // phase spellings, in trial order
	rel            []relAlt // series-qualified spellings for release and body
	series         []string // plan spellings for the trailer rung
	parentVariants []string // parent spellings for the sub-phase fallback
	suffixSlug     string   // normalised sub-phase suffix
	slug           string   // normalised phase for the bundle-slug fallback
	hyg            bool     // the bundle-slug fallback applies to this plan
	sub            bool     // the sub-phase fallback applies to this phase

	keys   []string
	groups [][]string
	keysOK bool
}

// Compile builds the matcher for q under c.
func Compile(q Query, c Convention) *Matcher { return CompileWith(q, c, Options{}) }

// CompileWith is Compile with extra workspace facts.
func CompileWith(q Query, c Convention, o Options) *Matcher {
	m := &Matcher{q: q, conv: c}
	m.variants = phaseVariants(q.Phase, q.Plan)
	m.rel = releaseAlts(q.Plan, q.Phase)
	if c.TrailerStamp {
		m.series = seriesVariants(q.Plan, o.AmbiguousHeads)
	}
	upper := strings.ToUpper(q.Plan)
	for _, slug := range bundleSlugs(c) {
		if slug == upper {
			m.hyg = true
			m.slug = normSlug(q.Phase)
		}
	}
	if c.SubPhaseParentFallback {
		if parent, suffix, ok := strings.Cut(q.Phase, "-"); ok {
			m.sub = true
			m.parentVariants = phaseVariants(parent, "")
			m.suffixSlug = normSlug(suffix)
		}
	}
	m.keys, m.groups, m.keysOK = m.computeKeys()
	return m
}

// Subject returns every subject rung s satisfies: direct, trailer (when the
// convention enables it), release-prefix, hyg-slug (for a summary-bundle
// series) and sub-phase-parent (when enabled). Bookkeeping subjects satisfy
// none but hyg-slug, and a stamp followed by a progress marker does not
// count for the rungs that guard against it, exactly as in the reference.
// s is git's %s (see SubjectOf); a leading byte-order mark is ignored.
func (m *Matcher) Subject(s string) Rungs {
	s = stripBOM(s)
	var r Rungs
	book, bookKnown := false, false
	bookkeeping := func() bool {
		if !bookKnown {
			book, bookKnown = isBookkeeping(s, m.conv.BookkeepingPrefixes), true
		}
		return book
	}
	if e, ok := m.direct(s); ok && !bookkeeping() && !isProgressOnly(s, e, m.conv.ProgressMarkers) {
		r |= bit(Direct)
	}
	if m.conv.TrailerStamp && m.trailer(s) && !bookkeeping() && !startsSummary(s, m.conv.SummaryBundlePrefixes) {
		r |= bit(Trailer)
	}
	if e, ok := m.release(s); ok && !bookkeeping() && !isProgressOnly(s, e, m.conv.ProgressMarkers) {
		r |= bit(ReleasePrefix)
	}
	if m.hyg {
		if rest, ok := m.hygRest(s); ok && strings.Contains(normSlug(rest), m.slug) {
			r |= bit(HygSlug)
		}
	}
	if m.sub && m.suffixSlug != "" {
		if e, ok := m.parent(s); ok && !bookkeeping() && !isProgressOnly(s, e, m.conv.ProgressMarkers) &&
			strings.Contains(normSlug(" "+s), m.suffixSlug) {
			r |= bit(SubPhaseParent)
		}
	}
	return r
}

// Body reports the body-mention rung: firstLine opens with a summary-bundle
// prefix, is not bookkeeping, and a line of body mentions the
// series-qualified phase with boundaries on both sides. Use SplitMessage to
// obtain both parts from a raw message.
func (m *Matcher) Body(firstLine, body string) bool {
	if !BodyMatters(firstLine, m.conv) {
		return false
	}
	for body != "" {
		line, rest, _ := strings.Cut(body, "\n")
		if _, ok := m.mention(line, 0); ok {
			return true
		}
		body = rest
	}
	return false
}

// BodyMatters reports whether the body-mention pass would read the body of a
// commit whose first message line is firstLine: the line opens with a
// summary-bundle prefix (`v1.2.3:` or a declared one) and is not bookkeeping.
func BodyMatters(firstLine string, c Convention) bool {
	s := trimSpace(stripBOM(firstLine))
	return summaryEnd(s, 0, c.SummaryBundlePrefixes, func(int) bool { return true }) &&
		!isBookkeeping(s, c.BookkeepingPrefixes)
}

// Pick returns the index of the winning subject and its rung: the strongest
// rung in pass order wins, and among subjects on that rung the newest
// (lowest index; index 0 is the newest commit). It returns -1 and "" when no
// subject satisfies any rung.
func Pick(m *Matcher, subjects []string) (index int, rung Rung) {
	rs := make([]Rungs, len(subjects))
	for i, s := range subjects {
		rs[i] = m.Subject(s)
	}
	for _, o := range Order {
		for j, r := range rs {
			if r.Has(o) {
				return j, o
			}
		}
	}
	return -1, ""
}
