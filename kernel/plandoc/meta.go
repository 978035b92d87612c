package plandoc

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dispatchos/dos/internal/lazy"
)

var (
	metaIDRE    = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*id:\s*(\S+)`) }}
	metaClassRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*classification:\s*(\S+)`) }}
)

// retired classifications lose to a live doc declaring the same id.
var retired = []string{"tombed", "tombstone", "retired", "superseded", "archived"}

// Meta reads a plan doc's plan-meta lines: the first "id: <token>" and
// "classification: <token>" anywhere in it.
func Meta(text string) (id, classification string) {
	if m := metaIDRE.Get().FindStringSubmatch(text); m != nil {
		id = m[1]
	}
	if m := metaClassRE.Get().FindStringSubmatch(text); m != nil {
		classification = strings.ToLower(m[1])
	}
	return id, classification
}

// Doc is a plan doc's path and its plan-meta.
type Doc struct {
	Path, ID, Classification string
}

// Owners maps each declared plan id to the doc that owns it: the first in
// path order, except that a retired doc loses to a live one.
func Owners(docs []Doc) map[string]string {
	sorted := slices.Clone(docs)
	slices.SortFunc(sorted, func(a, b Doc) int { return strings.Compare(a.Path, b.Path) })
	own := map[string]Doc{}
	for _, d := range sorted {
		if d.ID == "" {
			continue
		}
		cur, seen := own[d.ID]
		if !seen || (slices.Contains(retired, cur.Classification) && !slices.Contains(retired, d.Classification)) {
			own[d.ID] = d
		}
	}
	out := make(map[string]string, len(own))
	for id, d := range own {
		out[id] = d.Path
	}
	return out
}

// SameDoc reports whether two plan doc paths name the same doc: equal once
// lower-cased with / separators, or sharing a base name.
func SameDoc(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, `\`, "/")) }
	a, b = norm(a), norm(b)
	return a == b || path.Base(a) == path.Base(b)
}
