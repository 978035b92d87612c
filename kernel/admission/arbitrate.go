package admission

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
	"github.com/dispatchos/dos/kernel/tree"
)

// Arbitrate decides one request against the live leases. It is pure and
// writes nothing. live must already be filtered for expiry; leases whose
// holder equals req.Owner are the asker's own and are ignored.
//
// Rules, first match wins: an unknown lane refuses (UNKNOWN_LANE); a live
// exclusive lease refuses everything (EXCLUSIVE_LIVE, even with Force);
// Force grants the named lane; an exclusive request needs an empty board;
// a bare request walks the auto-pick ladder; a named lane that is held
// refuses (SAME_LANE_HELD) and lists the lanes of its cluster that are
// free; a cluster lane is granted when the predicates admit it; a keyword
// lane with a tree likewise. A named lane is never swapped for another
// unless the request asks for it (Auto): the caller that reads only the
// exit code must hold the lane it named.
func Arbitrate(req Request, live []lease.Lease, t Taxonomy, p Policy) Decision {
	a := &arbiter{x: newTaxonomy(t), p: p, req: req, live: others(live, req.Owner)}
	return a.decide()
}

type arbiter struct {
	x       *taxonomy
	p       Policy
	req     Request
	live    []lease.Lease
	held    map[string]bool // live lane names, aliases resolved
	lane    string          // the request lane, trimmed, alias resolved
	kind    string          // the request kind (see kindKey)
	display string          // the request lane as echoed
	auto    bool            // a busy or refused named lane may be swapped
	tried   []Conflict      // candidate refusals, in order
}

func others(live []lease.Lease, owner string) []lease.Lease {
	if owner == "" {
		return live
	}
	out := make([]lease.Lease, 0, len(live))
	for _, l := range live {
		if l.Holder != owner {
			out = append(out, l)
		}
	}
	return out
}

func (a *arbiter) decide() Decision {
	a.held = map[string]bool{}
	for _, l := range a.live {
		a.held[a.x.resolve(l.Lane)] = true
	}
	a.lane = a.x.resolve(a.req.Lane)
	a.kind = kindKey(a.req.Kind)
	a.auto = a.req.Auto && !a.req.Exact
	a.display = a.x.spell(a.lane, a.lane)

	adhocKeyword := a.kind == KindKeyword && tree.Known(a.req.Tree)
	if a.lane != "" && !a.x.known(a.lane) && !adhocKeyword {
		d := a.refusal(reasons.UnknownLane, fmt.Sprintf(
			"'%s' is not a lane in this workspace (lane names match exactly). Known lanes: %s. Declare it under [lanes] in dos.toml or pick a known lane.",
			strings.TrimSpace(a.req.Lane), strings.Join(a.x.knownList(), ", ")))
		d.KnownLanes = a.x.knownList()
		return d
	}
	for _, l := range a.live {
		if a.x.exclusiveLease(l) {
			msg := fmt.Sprintf("an exclusive lane is live (lane='%s', kind='%s', loop='%s'); it touches the whole portfolio — wait for it to finish.",
				l.Lane, l.LaneKind, l.LoopTS)
			if a.req.Force {
				msg += " (--force cannot override an exclusive live lane.)"
			}
			d := a.refusal(reasons.ExclusiveLive, msg)
			d.FreeClusters = []string{}
			d.Conflicts = []Conflict{conflict(a.display, l, Verdict{ReasonClass: reasons.ExclusiveLive, Reason: msg})}
			return d
		}
	}
	if a.req.Force && a.lane != "" {
		return a.forced()
	}
	switch {
	case a.exclusiveRequest():
		return a.exclusive()
	case a.lane == "":
		return a.autopick("(bare invocation)")
	case a.held[a.lane]:
		return a.busy()
	case a.clusterRequest():
		return a.cluster()
	default:
		return a.keyword()
	}
}

// busy answers a named lane some other holder has: refused, with the free
// lanes of its cluster, unless the request asked for an auto-pick.
func (a *arbiter) busy() Decision {
	v := Verdict{ReasonClass: reasons.SameLaneHeld, Reason: fmt.Sprintf("lane '%s' is already held by a live loop.", a.display)}
	var cs []Conflict
	for _, l := range a.live {
		if a.x.resolve(l.Lane) == a.lane {
			cs = append(cs, conflict(a.display, l, v))
		}
	}
	if a.auto {
		a.tried = append(a.tried, cs[0])
		return a.autopick(fmt.Sprintf("(requested '%s' was busy)", a.display))
	}
	d := a.refusal(reasons.SameLaneHeld, fmt.Sprintf(
		"lane '%s' is already held by a live loop — pick a different --lane or wait.", a.display))
	a.offerFree(&d)
	for i := range cs {
		cs[i].Reason = d.Reason
	}
	d.Conflicts = cs
	return d
}

// offerFree adds to a refusal of a named lane the lanes of its cluster
// that could be granted now, and how to take one.
func (a *arbiter) offerFree(d *Decision) {
	free := a.freeLanes()
	d.FreeLanes = free
	if len(free) == 0 {
		d.Reason += " No other lane of its cluster is free now: wait for a release, then retry."
		return
	}
	d.Reason += fmt.Sprintf(" Free lanes of its cluster: %s — take one with --lane %s, or pass --auto to let dos pick.",
		strings.Join(free, ", "), free[0])
}

// freeLanes lists the cluster lanes this request could be granted now:
// the auto-pick ladder, then the other concurrent lanes, without the
// requested lane, held lanes and lanes the predicates refuse.
func (a *arbiter) freeLanes() []string {
	out := []string{}
	var trees []string
	for _, l := range a.live {
		if a.x.exclusiveLease(l) {
			return out
		}
		if tree.Known(l.Tree) {
			trees = append(trees, l.Tree...)
		}
	}
	// A tree disjoint from every live tree passes the disjointness
	// predicate against each lease: then only the request-only checks
	// are left to run. Anything else takes the full sweep.
	liveSet := tree.NewSet(trees)
	seen := map[string]bool{a.lane: true}
	for _, names := range [][]string{a.x.t.Autopick, a.x.t.Concurrent} {
		for _, n := range names {
			f := laneKey(n)
			if seen[f] || a.held[f] || a.x.isExclusive(f) {
				continue
			}
			seen[f] = true
			c := Candidate{n, KindCluster, a.x.treeOf(f)}
			live := a.live
			if tree.Known(c.Tree) && disjointFrom(liveSet, c.Tree) {
				live = nil
			}
			if v, _ := a.checkAgainst(c, live); v.Admit {
				out = append(out, a.x.spell(f, n))
			}
		}
	}
	return out
}

func disjointFrom(s tree.Set, t []string) bool {
	for _, p := range tree.Prefixes(t) {
		if s.Collides(p) {
			return false
		}
	}
	return true
}

// exclusiveRequest: kind global or an exclusive lane name, or an
// exclusive lane asked for by name.
func (a *arbiter) exclusiveRequest() bool {
	if a.kind == KindGlobal || (a.kind != "" && a.x.exclusive[a.kind]) {
		return true
	}
	return a.lane != "" && a.x.isExclusive(a.lane)
}

// clusterRequest: kind cluster, or no kind and a cluster lane by name.
func (a *arbiter) clusterRequest() bool {
	return a.kind == KindCluster || (a.kind == "" && a.x.isCluster(a.lane))
}

// requestTree is the explicit tree, else the lane's declared one.
func (a *arbiter) requestTree(f string) []string {
	if tree.Known(a.req.Tree) {
		return a.req.Tree
	}
	return a.x.treeOf(f)
}

// declaredKind is the kind a lease on f records: the exclusive lane's
// name, "cluster" or "keyword".
func (a *arbiter) declaredKind(f string) string {
	switch {
	case a.x.isExclusive(f):
		return f
	case a.x.isCluster(f):
		return KindCluster
	}
	return KindKeyword
}

func (a *arbiter) forced() Decision {
	kind := a.kind
	if kind == "" {
		kind = a.declaredKind(a.lane)
	}
	t := a.requestTree(a.lane)
	if v := a.certify(a.display, t, tree.Known(a.req.Tree)); !v.Admit {
		return a.predicateRefusal(a.display, lease.Lease{}, v, " --force cannot seat a lane outside the repository.")
	}
	var notes []string
	if a.held[a.lane] {
		notes = append(notes, "same-lane sibling present — both now hold it")
	}
	if !tree.Known(t) {
		notes = append(notes, "tree is EMPTY — unknown blast radius accepted")
	}
	reason := fmt.Sprintf("FORCED lane '%s' (operator --force; lane concern overridden", a.display)
	for _, n := range notes {
		reason += ", " + n
	}
	d := a.grant(a.display, kind, t, reason+").")
	d.Forced = true
	return d
}

func (a *arbiter) exclusive() Decision {
	name := a.display
	if a.lane == "" {
		name = KindGlobal
	}
	if n := len(a.live); n > 0 {
		msg := fmt.Sprintf("'%s' is an exclusive lane; %d loop(s) already live. It must run alone — wait for them to finish.", name, n)
		d := a.refusal(reasons.ExclusiveLive, msg)
		for _, l := range a.live {
			d.Conflicts = append(d.Conflicts, conflict(name, l, Verdict{ReasonClass: reasons.ExclusiveLive, Reason: msg}))
		}
		return d
	}
	kind := KindGlobal
	if a.lane != "" && a.x.isExclusive(a.lane) {
		kind = a.lane
	} else if a.kind != "" && a.x.exclusive[a.kind] {
		kind = a.kind
	}
	lane := name
	t := a.requestTree(laneKey(lane))
	if !tree.Known(t) {
		t = wholeRepo
	}
	if v := a.certify(lane, t, tree.Known(a.req.Tree)); !v.Admit {
		return a.predicateRefusal(lane, lease.Lease{}, v, "")
	}
	if v := a.budget(kind); !v.Admit {
		return a.predicateRefusal(lane, lease.Lease{}, v, "")
	}
	if v, l := Sweep(Candidate{lane, kind, t}, nil, a.p); !v.Admit {
		return a.predicateRefusal(lane, l, v, "")
	}
	return a.grant(lane, kind, t, fmt.Sprintf("exclusive lane '%s' — no other loop live, admitted.", lane))
}

func (a *arbiter) cluster() Decision {
	t := a.requestTree(a.lane)
	v, l := a.check(Candidate{a.display, KindCluster, t})
	if v.Admit {
		return a.grant(a.display, KindCluster, t, fmt.Sprintf("cluster lane '%s' free — admitted.", a.display))
	}
	if !a.auto {
		d := a.predicateRefusal(a.display, l, v, "")
		a.offerFree(&d)
		return d
	}
	a.tried = append(a.tried, conflict(a.display, l, v))
	return a.autopick(fmt.Sprintf("(requested '%s' was refused: %s)", a.display, strings.TrimSuffix(v.Reason, ".")))
}

func (a *arbiter) keyword() Decision {
	t := a.requestTree(a.lane)
	if !tree.Known(t) {
		v := Verdict{ReasonClass: reasons.EmptyTree, Reason: fmt.Sprintf(
			"lane '%s' declares no tree (unknown blast radius).", a.display)}
		if !a.auto {
			return a.predicateRefusal(a.display, lease.Lease{}, v, "")
		}
		a.tried = append(a.tried, conflict(a.display, lease.Lease{}, v))
		return a.autopick(fmt.Sprintf("(requested '%s' declares no tree — degraded to auto-pick)", a.display))
	}
	v, l := a.check(Candidate{a.display, KindKeyword, t})
	if !v.Admit {
		return a.predicateRefusal(a.display, l, v, " Use a free cluster lane instead.")
	}
	return a.grant(a.display, KindKeyword, t, fmt.Sprintf(
		"keyword lane '%s' admitted (disjoint or under the soft-overlap threshold vs all %d live lease(s)).", a.display, len(a.live)))
}

// check runs the conjunction; an unknown tree is refused up front so a
// lane that names no region is never granted as if it touched nothing.
func (a *arbiter) check(c Candidate) (Verdict, lease.Lease) { return a.checkAgainst(c, a.live) }

// checkAgainst is check with the predicates swept over live only; the
// class budget always counts every live lease.
func (a *arbiter) checkAgainst(c Candidate, live []lease.Lease) (Verdict, lease.Lease) {
	if !tree.Known(c.Tree) {
		return Verdict{ReasonClass: reasons.EmptyTree, Reason: fmt.Sprintf(
			"lane '%s' declares no tree (unknown blast radius) — declare it under [lanes.trees].", c.Lane)}, lease.Lease{}
	}
	if v := a.certify(c.Lane, c.Tree, c.Lane == a.display && tree.Known(a.req.Tree)); !v.Admit {
		return v, lease.Lease{}
	}
	if v := a.budget(c.Kind); !v.Admit {
		return v, lease.Lease{}
	}
	return Sweep(c, live, a.p)
}

// outside refuses a tree with an entry that leaves the repository: it
// names no region the arbiter can compare. The verbs refuse such a tree
// as bad input before asking; this keeps the kernel safe on its own.
func outside(lane string, t []string) Verdict {
	if err := tree.Confine(t); err != nil {
		return refuse(reasons.EmptyTree, "lane '%s' cannot be certified: %v.", lane, err)
	}
	return admit
}

// certify is [outside] plus the lanes the caller found uncertifiable. A
// request's own tree replaces the declared one.
func (a *arbiter) certify(lane string, t []string, own bool) Verdict {
	if why, bad := a.x.t.Uncertified[laneKey(lane)]; bad && !own {
		return refuse(reasons.EmptyTree, "lane '%s' cannot be certified: %s.", lane, why)
	}
	return outside(lane, t)
}

// budget refuses a kind whose live leases already fill its class budget.
func (a *arbiter) budget(kind string) Verdict {
	k := tree.Fold(kind)
	limit, ok := a.p.Budgets[k]
	if !ok {
		for bk, bv := range a.p.Budgets {
			if tree.Fold(bk) == k {
				limit, ok = bv, true
			}
		}
	}
	if !ok {
		return admit
	}
	n := 0
	for _, l := range a.live {
		if tree.Fold(l.LaneKind) == k {
			n++
		}
	}
	if n < limit {
		return admit
	}
	return refuse(reasons.ClassBudgetExhausted,
		"kind '%s' is at its concurrency budget (%d live, max %d) — wait for one to finish.", k, n, limit)
}

func (a *arbiter) autopick(why string) Decision {
	for _, c := range a.x.t.Autopick {
		f := laneKey(c)
		if a.held[f] || f == a.lane {
			continue
		}
		t := a.x.treeOf(f)
		v, l := a.check(Candidate{c, KindCluster, t})
		if v.Admit {
			d := a.grant(c, KindCluster, t, fmt.Sprintf("auto-picked free cluster lane '%s' %s.", c, why))
			d.AutoPicked = true
			return d
		}
		a.tried = append(a.tried, conflict(c, l, v))
	}
	return a.nothingFree()
}

func (a *arbiter) nothingFree() Decision {
	freeC := a.x.freeConcurrent(a.held)
	class, cause := reasons.NoFreeLane, ""
	for _, c := range a.tried {
		if c.ReasonClass != reasons.SameLaneHeld {
			class, cause = c.ReasonClass, c.Reason
			break
		}
	}
	var msg string
	switch {
	case cause != "":
		msg = "no lane could be granted: " + cause
	case len(freeC) > 0 && a.lane != "":
		msg = fmt.Sprintf("the requested lane '%s' is held and the autopick ladder offers no free candidate — but other concurrent cluster lanes are free (%s).",
			a.display, strings.Join(freeC, ", "))
	case len(freeC) > 0:
		msg = fmt.Sprintf("the autopick ladder offers no free candidate — but other concurrent cluster lanes are free (%s).", strings.Join(freeC, ", "))
	default:
		msg = "all concurrent cluster lanes are held by live loops — no free lane to auto-pick. Wait for one to finish, then re-invoke."
	}
	d := a.refusal(class, msg)
	d.FreeClusters = freeC
	d.Conflicts = a.tried
	return d
}

func (a *arbiter) predicateRefusal(cand string, l lease.Lease, v Verdict, suffix string) Decision {
	d := a.refusal(v.ReasonClass, v.Reason+suffix)
	d.Conflicts = append(a.tried, conflict(cand, l, v))
	return d
}

func conflict(cand string, l lease.Lease, v Verdict) Conflict {
	return Conflict{Candidate: cand, Lane: l.Lane, LaneKind: l.LaneKind, LoopTS: l.LoopTS,
		Holder: l.Holder, ReasonClass: v.ReasonClass, Reason: v.Reason}
}

func (a *arbiter) base() Decision {
	rt := a.req.Tree
	if rt == nil {
		rt = []string{}
	}
	return Decision{
		Tree: []string{}, FreeClusters: []string{},
		RequestedLane: a.display, RequestedKind: a.req.Kind, RequestedTree: rt,
	}
}

func (a *arbiter) refusal(class, reason string) Decision {
	d := a.base()
	d.Outcome, d.ReasonClass, d.Reason = Refuse, class, reason
	d.FreeClusters = a.x.freeAutopick(a.held)
	return d
}

func (a *arbiter) grant(lane, kind string, t []string, reason string) Decision {
	d := a.base()
	d.Outcome, d.Lane, d.LaneKind, d.Reason = Acquire, lane, kind, reason
	d.Tree = append([]string{}, t...)
	return d
}
