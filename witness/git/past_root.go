package git

import (
	"strconv"
	"strings"
)

// maxDepthWalk bounds the first-parent walk PastRoot makes to count a
// history; a revision that fails past that depth is simply unresolvable.
const maxDepthWalk = 1 << 20

// PastRoot explains a revision that steps back along first parents
// (`HEAD~33`, `main^^`) and fails to resolve: when its base resolves and
// its first-parent line is shorter than the steps asked for, it returns
// that base, the number of commits on the line (the base included) and
// true. Any other failure is not explained (ok is false).
func (r *Repo) PastRoot(rev string) (base string, depth int, ok bool) {
	base, steps, ok := firstParentSteps(rev)
	if !ok || steps == 0 {
		return "", 0, false
	}
	h, err := r.Resolve(base)
	if err != nil {
		return "", 0, false
	}
	for depth = 1; depth <= maxDepthWalk; depth++ {
		c, err := r.Commit(h)
		if err != nil {
			return "", 0, false
		}
		ps := r.parents(c)
		if len(ps) == 0 {
			break
		}
		h = ps[0]
	}
	if depth > steps || depth > maxDepthWalk {
		return "", 0, false
	}
	return base, depth, true
}

// firstParentSteps splits `<base>~<n>`, `<base>~` and `<base>^`/`^1`
// suffixes (in any sequence) into the base and the total number of
// first-parent steps.
func firstParentSteps(rev string) (base string, steps int, ok bool) {
	s := rev
	for {
		i := strings.LastIndexAny(s, "~^")
		if i <= 0 {
			return s, steps, steps > 0 || s == rev
		}
		num := s[i+1:]
		n := 1
		if num != "" {
			v, err := strconv.Atoi(num)
			if err != nil || v < 0 || (s[i] == '^' && v != 1) {
				return "", 0, false
			}
			n = v
		}
		steps += n
		s = s[:i]
	}
}
