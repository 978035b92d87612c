package workspace

import (
	"github.com/dispatchos/dos/kernel/tree"

	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// PlanFiles lists the plan documents matched by [paths] plans_glob, as
// slash-separated paths relative to the state root, sorted. "**" matches
// any number of directories, including none; .git and .dos are not
// searched and symlinked directories are not followed.
func (w *Workspace) PlanFiles() ([]string, error) {
	return GlobFiles(w.StateRoot, w.Config.Paths.PlansGlob)
}

// GlobFiles walks root for files matching a slash glob relative to it,
// with "**" as in [tree.MatchGlob].
func GlobFiles(root, pattern string) ([]string, error) {
	pattern = filepath.ToSlash(pattern)
	if filepath.IsAbs(pattern) {
		rel, err := filepath.Rel(root, filepath.FromSlash(pattern))
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, nil
		}
		pattern = filepath.ToSlash(rel)
	}
	pattern = strings.TrimPrefix(path.Clean(pattern), "./")
	// Start at the literal directories before the first wildcard.
	segs := strings.Split(pattern, "/")
	n := 0
	for n < len(segs)-1 && !strings.ContainsAny(segs[n], `*?[\`) {
		n++
	}
	start := filepath.Join(root, filepath.FromSlash(strings.Join(segs[:n], "/")))
	var out []string
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != start && (d.Name() == ".git" || d.Name() == ".dos") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if tree.MatchGlob(pattern, rel) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("glob %s under %s: %w", pattern, root, err)
	}
	slices.Sort(out)
	return out, nil
}
