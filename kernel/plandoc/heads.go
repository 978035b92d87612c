package plandoc

import (
	"path"
	"slices"
	"strings"
)

// NumberHead returns the plan number a name starts with: a digit, then
// letters and digits, up to the first '_' ("286_shipping-wheels-plan.md"
// gives "286", "12b_x" gives "12b"). Names are compared in lower case.
func NumberHead(name string) (string, bool) {
	name = strings.ToLower(name)
	head, _, _ := strings.Cut(name, "_")
	if head == "" || head[0] < '0' || head[0] > '9' {
		return "", false
	}
	for i := 0; i < len(head); i++ {
		c := head[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z') {
			return "", false
		}
	}
	return head, true
}

// SharedHeads groups plan doc paths by the number head of their base name
// and keeps the heads two or more docs share: such a number no longer
// names one plan.
func SharedHeads(paths []string) map[string][]string {
	by := map[string][]string{}
	for _, p := range paths {
		base := path.Base(strings.ReplaceAll(p, `\`, "/"))
		if h, ok := NumberHead(strings.TrimSuffix(base, path.Ext(base))); ok && !slices.Contains(by[h], p) {
			by[h] = append(by[h], p)
		}
	}
	for h, ps := range by {
		if len(ps) < 2 {
			delete(by, h)
		} else {
			slices.Sort(ps)
		}
	}
	return by
}

// AmbiguousPlan returns the docs sharing the number a plan id names, when
// the id's last path segment is a number head two or more docs share:
// "docs/317" is ambiguous when docs/317_a-plan.md and docs/317_b-plan.md
// both exist; "docs/317_a" is not.
func AmbiguousPlan(plan string, shared map[string][]string) ([]string, bool) {
	seg := strings.ToLower(path.Base(strings.ReplaceAll(plan, `\`, "/")))
	docs, ok := shared[seg]
	return docs, ok && len(docs) >= 2
}
