package lint

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Whether a subject names a unit of work is the stamp grammar's call, not
// a heuristic of its own: [stamp.Stamped] reads the (plan, phase) pairs a
// subject could stamp and keeps those the verify matcher accepts. A
// subject is ship-shaped when it stamps work under the generic grammar
// (trailers included, the workspace's bookkeeping and release prefixes
// kept), so doctor can tell a repository with no stamps from one whose
// stamps the active grammar misses; it is recognised when it stamps work
// under the active convention, which is what `dos verify` uses.

// ShipShaped reports whether subject stamps a unit of work under the
// generic grammar.
func ShipShaped(subject string, conv stamp.Convention) bool {
	g := stamp.Generic()
	g.TrailerStamp = true
	g.BookkeepingPrefixes, g.SummaryBundlePrefixes = conv.BookkeepingPrefixes, conv.SummaryBundlePrefixes
	return len(stamp.Stamped(subject, g)) > 0 || Recognized(subject, conv)
}

// Recognized reports whether subject stamps a unit of work `dos verify`
// would match under conv.
func Recognized(subject string, conv stamp.Convention) bool {
	return len(stamp.Stamped(subject, conv)) > 0
}

// Verifiability summarises how many recent subjects name checkable work.
type Verifiability struct {
	CommitsRead int    `json:"commits_read"`
	ShipShaped  int    `json:"ship_shaped"`
	Recognized  int    `json:"recognized"`
	Grammar     string `json:"grammar"`
	// Example is a ship-shaped subject the grammar does not recognise.
	Example string `json:"-"`
}

// Measure counts the ship-shaped and recognised subjects, newest first.
func Measure(subjects []string, conv stamp.Convention) Verifiability {
	v := Verifiability{CommitsRead: len(subjects), Grammar: Grammar(conv)}
	for _, s := range subjects {
		if !ShipShaped(s, conv) {
			continue
		}
		v.ShipShaped++
		if Recognized(s, conv) {
			v.Recognized++
		} else if v.Example == "" {
			v.Example = s
		}
	}
	return v
}

// Headline is the one-line verifiability verdict doctor prints.
func (v Verifiability) Headline() string {
	switch {
	case v.CommitsRead == 0:
		return "no commits to read (not a git repo, or empty history)"
	case v.ShipShaped == 0:
		return fmt.Sprintf("none of your last %d commits name a unit of work — no referee can check agent claims yet", v.CommitsRead)
	case v.Recognized == 0:
		return fmt.Sprintf("0 of %d ship-shaped commit(s) match the active grammar (%s) — `verify` will resolve `via none`; reconcile [stamp]", v.ShipShaped, v.Grammar)
	}
	return fmt.Sprintf("%d of your last %d commits name a unit of work `dos verify` can check (grammar: %s)", v.Recognized, v.CommitsRead, v.Grammar)
}

// Grammar describes a convention in a few words.
func Grammar(conv stamp.Convention) string {
	g := "generic (any/no dir prefix)"
	if len(conv.SubjectDirs) > 0 {
		g = strings.Join(conv.SubjectDirs, "|")
	}
	if conv.TrailerStamp {
		g += " + trailer"
	}
	return g
}
