package lint

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Convention is the part of a stamp convention the heuristic reads.
type Convention struct {
	// SubjectDirs, when set, scopes the grammar to subjects starting
	// "<dir>/".
	SubjectDirs []string
	// BookkeepingPrefixes start subjects that are never a ship.
	BookkeepingPrefixes []string
	// Trailer is the trailer_stamp switch (named in the grammar only).
	Trailer bool
}

// The ship-shaped heuristic. It is deliberately looser than the verify
// grammar: it asks "does this subject name a unit of work at all?", so
// doctor can tell a repository with no stamps from one whose stamps the
// active grammar misses. A subject is ship-shaped when it matches either
//
//	^(\S+/)?[A-Za-z][\w.-]*\d[\w.-]*:   a glued stamp: "AUTH1: ...", "src/P3b.2: ..."
//	^\S+:?\s+[A-Za-z][\w.-]*\d          a prefixed stamp: "AUTH: AUTH1 ...", "AUTH AUTH1 ..."
//
// and is neither a release subject ("v1.2:", "v1.2.3:") nor starts with one
// of the convention's bookkeeping prefixes.
var (
	gluedShape    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\S+/)?[A-Za-z][\w.-]*\d[\w.-]*:`) })
	prefixedShape = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\S+:?\s+[A-Za-z][\w.-]*\d`) })
	releaseShape  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^v\d+\.\d+(\.\d+)?:`) })
)

// ShipShaped reports whether subject looks like it names a unit of work.
func ShipShaped(subject string, conv Convention) bool {
	s := strings.TrimSpace(subject)
	if releaseShape().MatchString(s) {
		return false
	}
	for _, p := range conv.BookkeepingPrefixes {
		if p != "" && strings.HasPrefix(s, p) {
			return false
		}
	}
	return gluedShape().MatchString(s) || prefixedShape().MatchString(s)
}

// Recognized reports, loosely, whether the convention's grammar would read
// a ship-shaped subject: the generic grammar takes any, a directory-scoped
// one (subject_dirs set) only subjects that start with one of its dirs.
func Recognized(subject string, conv Convention) bool {
	if !ShipShaped(subject, conv) {
		return false
	}
	if len(conv.SubjectDirs) == 0 {
		return true
	}
	s := strings.TrimSpace(subject)
	for _, d := range conv.SubjectDirs {
		if d != "" && strings.HasPrefix(s, strings.TrimSuffix(d, "/")+"/") {
			return true
		}
	}
	return false
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
func Measure(subjects []string, conv Convention) Verifiability {
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
func Grammar(conv Convention) string {
	g := "generic (any/no dir prefix)"
	if len(conv.SubjectDirs) > 0 {
		g = strings.Join(conv.SubjectDirs, "|")
	}
	if conv.Trailer {
		g += " + trailer"
	}
	return g
}
