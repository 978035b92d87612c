package admission

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
	"github.com/dispatchos/dos/kernel/tree"
)

// Candidate is a lane being considered for a grant.
type Candidate struct {
	Lane string
	Kind string
	Tree []string
}

// Verdict is one predicate's answer for one live lease.
type Verdict struct {
	Admit       bool
	ReasonClass string
	Reason      string
}

var admit = Verdict{Admit: true}

func refuse(class, format string, a ...any) Verdict {
	return Verdict{ReasonClass: class, Reason: fmt.Sprintf(format, a...)}
}

// Predicate is one admission rule: a pure function of the candidate, one
// live lease (the zero Lease when nothing is live) and the policy. A
// predicate can refuse but never force an admit.
type Predicate struct {
	Name  string
	Check func(c Candidate, l lease.Lease, p Policy) Verdict
}

// Predicates is the compile-time registry, in sweep order.
func Predicates() []Predicate {
	return []Predicate{
		{Name: "disjointness", Check: Disjointness},
		{Name: "self_modify", Check: SelfModify},
	}
}

// Disjointness refuses a candidate whose tree may write where the live
// lease may: an unknown candidate tree against a known live tree, or a
// scored overlap above the policy. A lease that names no region cannot
// block.
func Disjointness(c Candidate, l lease.Lease, p Policy) Verdict {
	if !tree.Known(l.Tree) {
		return admit
	}
	if !tree.Known(c.Tree) {
		return refuse(reasons.EmptyTree,
			"lane '%s' has an EMPTY tree (unknown blast radius) and cannot share live lane '%s' — unknown blast radius is never safe to admit concurrently.",
			c.Lane, l.Lane)
	}
	o := tree.Score(c.Tree, l.Tree, p.RatioMax)
	if o.Verdict.Admits() {
		return admit
	}
	class := reasons.Overlap
	if o.Verdict == tree.RefuseExactGlob {
		class = reasons.ExactGlob
	}
	return refuse(class, "lane '%s' cannot share live lane '%s': %s.", c.Lane, l.Lane, o.Reason)
}

// SelfModify refuses a candidate whose tree may write a protected path
// (the [self_modify] protect entries that exist). It reads only the
// request, so it fires on an empty board too. An unknown tree may write
// anywhere and is refused while anything is protected.
func SelfModify(c Candidate, _ lease.Lease, p Policy) Verdict {
	if len(p.Protect) == 0 {
		return admit
	}
	if !tree.Known(c.Tree) {
		return refuse(reasons.SelfModify,
			"lane '%s' would edit the orchestrator's own running code (unknown blast radius; protected: %s) — declare a tree that leaves them out.",
			c.Lane, strings.Join(p.Protect, ", "))
	}
	set := tree.NewSet(c.Tree)
	var hits []string
	for _, pr := range p.Protect {
		if pr != "" && set.CollidesEntry(pr) {
			hits = append(hits, pr)
		}
	}
	if len(hits) == 0 {
		return admit
	}
	return refuse(reasons.SelfModify,
		"lane '%s' would edit the orchestrator's own running code (%s) — those paths are protected by [self_modify] in dos.toml.",
		c.Lane, strings.Join(hits, ", "))
}

// Sweep runs every predicate against every live lease (lease outer,
// predicate inner; the first refusal wins). With nothing live it runs once
// against the zero lease so request-only predicates still fire. A
// predicate that panics refuses, fail-closed.
func Sweep(c Candidate, live []lease.Lease, p Policy) (Verdict, lease.Lease) {
	if len(live) == 0 {
		live = []lease.Lease{{}}
	}
	for _, l := range live {
		for _, pr := range Predicates() {
			if v := runPredicate(pr, c, l, p); !v.Admit {
				return v, l
			}
		}
	}
	return admit, lease.Lease{}
}

func runPredicate(pr Predicate, c Candidate, l lease.Lease, p Policy) (v Verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = refuse(reasons.PredicateFailed,
				"admission predicate '%s' raised (%v) — refusing fail-closed.", pr.Name, r)
		}
	}()
	v = pr.Check(c, l, p)
	if !v.Admit && v.ReasonClass == "" {
		v.ReasonClass = reasons.PredicateFailed
	}
	return v
}
