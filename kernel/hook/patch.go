package hook

import "strings"

// patchPaths reads the files a patch touches: the V4A envelope Codex's
// apply_patch sends ("*** Add File: p", "*** Update File: p", "*** Delete
// File: p", "*** Move to: p") and git's unified headers ("diff --git a/p
// b/q", "--- a/p", "+++ b/q"). Paths are returned as written, once each,
// in order.
func patchPaths(patch string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		p = strings.TrimSpace(p)
		if p == "" || p == "/dev/null" || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	for line := range strings.SplitSeq(patch, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "*** "):
			for _, h := range []string{"*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"} {
				if p, ok := strings.CutPrefix(line, h); ok {
					add(p)
				}
			}
		case strings.HasPrefix(line, "diff --git "):
			f := strings.Fields(strings.TrimPrefix(line, "diff --git "))
			for _, p := range f {
				add(stripAB(p))
			}
		case strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ "):
			p := line[4:]
			if i := strings.IndexByte(p, '\t'); i >= 0 {
				p = p[:i]
			}
			add(stripAB(p))
		}
	}
	return out
}

func stripAB(p string) string {
	if strings.HasPrefix(p, "a/") || strings.HasPrefix(p, "b/") {
		return p[2:]
	}
	return p
}
