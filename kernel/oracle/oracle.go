package oracle

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/plandoc"
	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/kernel/tree"
)

// Candidate is a commit that may carry a stamp.
type Candidate struct {
	// Ref identifies the commit to the History (an ordinal, a hash).
	Ref int
	// Time is the committer time; newer candidates are tried first.
	Time int64
	// Subject is git's subject line.
	Subject string
	// Body is the message body when the grammar may read it.
	Body string
}

// History is the evidence verify reads. Implementations answer only about
// commits reachable from the verified ref.
type History interface {
	// Candidates returns commits that may match m: a superset of those that
	// do, in walk order (newest first).
	Candidates(m *stamp.Matcher) ([]Candidate, error)
	// Resolve finds a reachable commit by full or abbreviated hash.
	Resolve(sha string) (ref int, ok bool)
	// Abbrev is the short hash printed for a commit.
	Abbrev(ref int) string
	// Reverters returns the reachable commits whose message says they
	// revert ref.
	Reverters(ref int) []int
	// Footprint lists the paths ref changed against its first parent (the
	// empty tree for a root commit).
	Footprint(ref int) ([]string, error)
}

// RegistryRow is one row of the run registry (recently_completed).
type RegistryRow struct {
	Plan, Phase, Status, CommitSHA, DocPath string
}

// Policy holds the workspace rules that shape the decision.
type Policy struct {
	// AllowEmpty accepts a stamp whose diff is empty (the reference's
	// behaviour).
	AllowEmpty bool
	// IgnorePaths are globs whose changes do not count as a real diff.
	IgnorePaths []string
	// AmbiguousHeads are plan numbers two or more plan docs share; a
	// trailer stamp may not use one as a short plan spelling.
	AmbiguousHeads []string
}

// The demotion rules a NOT_SHIPPED may name in its rung.
const (
	RungEmptyStamp           = "empty-stamp"
	RungReverted             = "reverted"
	RungRegistryUnreachable  = "registry-unreachable"
	RungReleaseBump          = "release-bump"
	RungSoak                 = "soak"
	SourceRegistry           = "registry"
	SourceGrepSubject        = "grep-subject"
	SourceNone               = "none"
	registryShaLen           = 12
	releasePrefixSummaryNote = " (release-prefix mention)"
	bodyMentionSummaryNote   = " (body mention)"
)

// Verdict is the answer. Field names follow the JSON contract (verify's
// reply puts every key on every answer, null when empty).
type Verdict struct {
	Plan    string `json:"plan"`
	Phase   string `json:"phase"`
	Shipped bool   `json:"shipped"`
	Source  string `json:"source"`
	// Rung is the grammar pass that matched a ship, or the rule that
	// refused one on a NOT_SHIPPED.
	Rung string `json:"rung"`
	// SHA is the commit a ship rests on; empty on a NOT_SHIPPED.
	SHA string `json:"sha"`
	// Summary is the matched stamp line ("<sha> <subject>"), kept on a
	// NOT_SHIPPED that refused it.
	Summary string `json:"summary"`
	// DemotedSHA names the commit a demotion rule refused.
	DemotedSHA string `json:"demoted_sha"`
	// Refused lists, newest first, every piece of evidence a rule refused
	// on the way to the answer (for debug logs; not in the JSON contract).
	Refused []Refusal `json:"-"`
}

// Refusal is one piece of evidence a demotion rule refused.
type Refusal struct {
	// SHA is the refused commit (abbreviated).
	SHA string
	// Rule is the rung that refused it (empty-stamp, reverted, ...).
	Rule string
}

// Word is the verdict word: SHIPPED or NOT_SHIPPED.
func (v Verdict) Word() string {
	if v.Shipped {
		return "SHIPPED"
	}
	return "NOT_SHIPPED"
}

// Line is the one-line text rendering. The plan and phase are echoed
// through [Echo].
func (v Verdict) Line() string {
	var b strings.Builder
	b.WriteString(v.Word())
	b.WriteString(" " + Echo(v.Plan) + " " + Echo(v.Phase))
	if v.SHA != "" {
		b.WriteString(" " + v.SHA)
	}
	via := v.Source
	if !v.Shipped && v.Rung != "" {
		via = v.Rung
	}
	b.WriteString(" (via " + via + ")")
	return b.String()
}

// Evidence is what verify reads: the run registry's rows, the soak index
// and the history.
type Evidence struct {
	Rows    []RegistryRow
	Soaks   []Soak
	History History
	// ExpectedDoc is the plan doc whose plan-meta declares the queried
	// plan id ("" when none does); registry rows about another doc that
	// reuses the id are not evidence for this one.
	ExpectedDoc string
}

// Verify decides (plan, phase) from the evidence: a ship from the registry
// or a stamp, unless the phase is still in an open soak.
func Verify(q stamp.Query, ev Evidence, conv stamp.Convention, p Policy) (Verdict, error) {
	v, err := ship(&q, &ev, &conv, &p)
	if err != nil || !v.Shipped {
		return v, err
	}
	if inOpenSoak(q, ev.Soaks) {
		return demote(v, RungSoak), nil
	}
	return v, nil
}

// demote turns a ship into a NOT_SHIPPED that names the rule and the
// commit it refused, and keeps the refused stamp's summary.
func demote(v Verdict, rung string) Verdict {
	refused := append(v.Refused[:len(v.Refused):len(v.Refused)], Refusal{SHA: v.SHA, Rule: rung})
	return Verdict{Plan: v.Plan, Phase: v.Phase, Source: SourceNone, Rung: rung, DemotedSHA: v.SHA, Summary: v.Summary, Refused: refused}
}

// ship finds the newest evidence that survives the demotion rules.
//
// Its arguments are pointers, not copies: the verify path is the deepest
// stack a warm verify has, and keeping it within the goroutine's first
// 8 KB spares the process a stack copy.
func ship(q *stamp.Query, ev *Evidence, conv *stamp.Convention, p *Policy) (Verdict, error) {
	h := ev.History
	v := Verdict{Plan: q.Plan, Phase: q.Phase, Source: SourceNone}
	var demoted *Verdict
	if row, ok := registryRow(*q, ev.Rows, ev.ExpectedDoc, h); ok && row.CommitSHA != "" {
		sha := strings.ToLower(strings.TrimSpace(row.CommitSHA))
		if _, ok := h.Resolve(sha); ok {
			v.Shipped, v.Source, v.SHA = true, SourceRegistry, sha[:min(len(sha), registryShaLen)]
			return v, nil
		}
		demoted = &Verdict{Rung: RungRegistryUnreachable, DemotedSHA: sha[:min(len(sha), registryShaLen)]}
		v.Refused = append(v.Refused, Refusal{SHA: demoted.DemotedSHA, Rule: RungRegistryUnreachable})
	}
	m := stamp.CompileWith(*q, *conv, stamp.Options{AmbiguousHeads: p.AmbiguousHeads})
	cands, err := h.Candidates(m)
	if err != nil {
		return v, err
	}
	err = pick(&v, demoted, m, cands, h, p)
	return v, err
}

// pick settles v from the stamp candidates: the newest that survives the
// demotion rules ships; else the first refusal (or the registry's, when
// that was all there was) is what v reports.
func pick(v, demoted *Verdict, m *stamp.Matcher, cands []Candidate, h History, p *Policy) error {
	reverts := newRefutation(h)
	for _, c := range rank(m, cands) {
		rule, err := demotion(c.ref, h, reverts, *p)
		if err != nil {
			return err
		}
		if rule != "" {
			v.Refused = append(v.Refused, Refusal{SHA: h.Abbrev(c.ref), Rule: rule})
			if demoted == nil || demoted.Rung == RungRegistryUnreachable {
				sha := h.Abbrev(c.ref)
				demoted = &Verdict{Rung: rule, DemotedSHA: sha, Summary: summary(sha, c)}
			}
			continue
		}
		v.Shipped, v.Source, v.Rung = true, SourceGrepSubject, string(c.rung)
		v.SHA = h.Abbrev(c.ref)
		v.Summary = summary(v.SHA, c)
		return nil
	}
	if demoted != nil {
		v.Rung, v.DemotedSHA, v.Summary = demoted.Rung, demoted.DemotedSHA, demoted.Summary
	}
	return nil
}

// registryRow returns the first done row for the query (plan and phase
// compared trimmed and case-folded).
func registryRow(q stamp.Query, rows []RegistryRow, expected string, h History) (RegistryRow, bool) {
	norm := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	for _, r := range rows {
		if norm(r.Plan) == norm(q.Plan) && norm(r.Phase) == norm(q.Phase) && norm(r.Status) == "done" &&
			aboutDoc(r, expected, h) {
			return r, true
		}
	}
	return RegistryRow{}, false
}

// aboutDoc is the plan-id collision gate: when a plan doc owns the queried
// id, a row that names another doc, or whose commit edits only other plan
// docs, belongs to a different plan that reuses the id. A row that cannot
// be placed is kept (its commit still has to be in history to count).
func aboutDoc(r RegistryRow, expected string, h History) bool {
	if expected == "" {
		return true
	}
	if r.DocPath != "" {
		return plandoc.SameDoc(r.DocPath, expected)
	}
	ref, ok := h.Resolve(strings.ToLower(strings.TrimSpace(r.CommitSHA)))
	if !ok {
		return true
	}
	files, err := h.Footprint(ref)
	if err != nil {
		return true
	}
	touchedPlan := false
	for _, f := range files {
		if strings.HasSuffix(strings.ToLower(f), "-plan.md") {
			if plandoc.SameDoc(f, expected) {
				return true
			}
			touchedPlan = true
		}
	}
	return !touchedPlan
}

type ranked struct {
	ref     int
	time    int64
	order   int
	rung    stamp.Rung
	subject string
}

// rank keeps the candidates the grammar accepts, ordered by pass strength,
// then newest first (committer time, then walk order).
func rank(m *stamp.Matcher, cands []Candidate) []ranked {
	var out []ranked
	for i, c := range cands {
		var rung stamp.Rung
		if rs := m.Subject(c.Subject); rs != 0 {
			rung = rs.Best()
		} else if c.Body != "" && m.Body(c.Subject, c.Body) {
			rung = stamp.BodyMention
		} else {
			continue
		}
		out = append(out, ranked{ref: c.Ref, time: c.Time, order: i, rung: rung, subject: c.Subject})
	}
	strength := func(r stamp.Rung) int { return slices.Index(stamp.Order, r) }
	slices.SortStableFunc(out, func(a, b ranked) int {
		if c := cmp.Compare(strength(a.rung), strength(b.rung)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.time, a.time); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	return out
}

func summary(sha string, c ranked) string {
	switch c.rung {
	case stamp.ReleasePrefix:
		return sha + " " + c.subject + releasePrefixSummaryNote
	case stamp.BodyMention:
		return c.subject + bodyMentionSummaryNote
	}
	return sha + " " + c.subject
}

// demotion returns the rule that refuses candidate ref as evidence, or "".
func demotion(ref int, h History, reverts *refutation, p Policy) (string, error) {
	if reverts.refuted(ref) {
		return RungReverted, nil
	}
	files, err := h.Footprint(ref)
	if err != nil {
		return "", err
	}
	real := files[:0:0]
	for _, f := range files {
		if !ignored(f, p.IgnorePaths) {
			real = append(real, f)
		}
	}
	if len(real) == 0 {
		if p.AllowEmpty {
			return "", nil
		}
		return RungEmptyStamp, nil
	}
	if allReleaseOrLedger(real) {
		return RungReleaseBump, nil
	}
	return "", nil
}

var ledgerBasenames = []string{"dos.state.yaml", "dos.findings.md", "findings-followup-queue.md", "execution-state.yaml", "plans.yaml"}
var releaseBasenames = []string{"version", "version.txt", "pyproject.toml", "__init__.py", "changelog.md"}

// allReleaseOrLedger reports whether every path is a ledger or release-bump
// file: such a commit names a phase in its notes without shipping it.
func allReleaseOrLedger(files []string) bool {
	for _, f := range files {
		base := strings.ToLower(path.Base(f))
		if slices.Contains(ledgerBasenames, base) || slices.Contains(releaseBasenames, base) ||
			strings.HasPrefix(strings.ToLower(f), "docs/releases/") {
			continue
		}
		return false
	}
	return true
}

// ignored reports whether file matches one of the globs (as in
// [tree.MatchGlob]), or lies under a directory one names ("vendor" and
// "vendor/**" both cover vendor/a/b).
func ignored(file string, globs []string) bool {
	for _, g := range globs {
		g = strings.TrimSuffix(strings.TrimPrefix(g, "./"), "/")
		if tree.MatchGlob(g, file) || tree.MatchGlob(g+"/**", file) {
			return true
		}
	}
	return false
}
