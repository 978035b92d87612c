package hook

import (
	"path"
	"strings"

	"github.com/dispatchos/dos/kernel/tree"
)

// Place says where a call happens, so its paths can be resolved. Every
// path is absolute and uses forward slashes.
type Place struct {
	// Root is the checkout root: lane trees are relative to it.
	Root string
	// Cwd is where relative paths start; empty means Root.
	Cwd string
	// Home is the user's home directory, for "~"; empty leaves "~" paths
	// unresolved.
	Home string
	// Aliases rewrite other spellings of a directory (a path through a
	// symlink) to the spelling Root uses.
	Aliases []Alias
}

// Alias maps one absolute directory prefix onto another.
type Alias struct {
	From, To string
}

// Resolve makes p absolute and clean. ok is false when the path cannot be
// named without running the shell ("~user", an empty path).
func (pl Place) Resolve(p string) (string, bool) {
	p = strings.ReplaceAll(strings.TrimSpace(p), `\`, "/")
	if p == "" {
		return "", false
	}
	if strings.HasPrefix(p, "~") {
		if pl.Home == "" || (p != "~" && !strings.HasPrefix(p, "~/")) {
			return "", false
		}
		p = pl.Home + p[1:]
	}
	if !path.IsAbs(p) {
		base := pl.Cwd
		if base == "" {
			base = pl.Root
		}
		if strings.HasPrefix(base, "~") {
			b, ok := pl.Resolve(base)
			if !ok {
				return "", false
			}
			base = b
		}
		p = base + "/" + p
	}
	p = path.Clean(p)
	for _, a := range pl.Aliases {
		if a.From == "" {
			continue
		}
		if p == a.From || strings.HasPrefix(p, strings.TrimSuffix(a.From, "/")+"/") {
			p = path.Clean(a.To + "/" + p[len(a.From):])
			break
		}
	}
	return p, true
}

// Rel returns abs relative to Root; inside is false when abs is not in
// the checkout.
func (pl Place) Rel(abs string) (rel string, inside bool) {
	root := strings.TrimSuffix(pl.Root, "/")
	switch {
	case abs == root || (root == "" && abs == "/"):
		return ".", true
	case strings.HasPrefix(abs, root+"/"):
		return abs[len(root)+1:], true
	}
	return "", false
}

// display is how a path is named in a reason: relative inside the
// checkout, absolute outside.
func (pl Place) display(abs string) string {
	if rel, ok := pl.Rel(abs); ok {
		return rel
	}
	return abs
}

// hitsPattern reports whether a write to abs may touch a path the
// absolute glob pattern protects. Both are compared case-folded. A target
// holding a glob collides by literal prefix, as lane trees do; a subtree
// target (rm -r) also hits any protected path under it.
func hitsPattern(abs string, subtree bool, pattern string) bool {
	a, pt := tree.Fold(abs), tree.Fold(pattern)
	if i := strings.IndexAny(a, "*?["); i >= 0 {
		ap := a[:i]
		pp := pt
		if j := strings.IndexAny(pt, "*?[{"); j >= 0 {
			pp = pt[:j]
		}
		return strings.HasPrefix(ap, pp) || strings.HasPrefix(pp, ap)
	}
	if tree.MatchGlob(pt, a) {
		return true
	}
	if subtree {
		pp := pt
		if j := strings.IndexAny(pt, "*?[{"); j >= 0 {
			pp = pt[:j]
		}
		return a == "/" || strings.HasPrefix(pp, a+"/")
	}
	return false
}
