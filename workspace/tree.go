package workspace

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/kernel/tree"
)

// ResolveTree rewrites the entries of a lane tree (or a list of touched
// paths) through the symbolic links inside the state root, so the kernel
// compares the places the entries name: with linkb -> b, "linkb/**" is
// "b/**" and collides with lane b's tree. Only the literal directories
// before the first glob segment are followed; an entry that follows no
// link is returned as written. An entry that leaves the state root,
// lexically or through a link, is an error wrapping [tree.ErrOutside].
func (w *Workspace) ResolveTree(entries []string) ([]string, error) {
	return ResolveTree(w.StateRoot, entries)
}

// ResolveTree is [Workspace.ResolveTree] for the directory root.
func ResolveTree(root string, entries []string) ([]string, error) {
	if err := tree.Confine(entries); err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return entries, nil
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		// no root to look in (it is gone or unreadable): nothing to follow.
		return entries, nil
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		if out[i], err = resolveEntry(real, e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolveEntry follows the links along the literal directories of e, with
// root absolute and free of links.
func resolveEntry(root, e string) (string, error) {
	s := strings.TrimSpace(strings.ReplaceAll(e, `\`, "/"))
	segs := strings.Split(s, "/")
	var done []string // the resolved path so far, relative to root
	followed := false
	i := 0
	for ; i < len(segs); i++ {
		seg := segs[i]
		if strings.ContainsAny(seg, "*?[{") {
			break
		}
		switch seg {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", outside(e, "")
			}
			done = done[:len(done)-1]
			continue
		}
		p := filepath.Join(root, filepath.Join(done...), seg)
		st, err := os.Lstat(p)
		if err != nil {
			break // nothing there yet: the rest names what would be created
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			done = append(done, seg)
			continue
		}
		target, err := linkTarget(p)
		if err != nil {
			return "", fmt.Errorf("tree entry %q: %w", e, err)
		}
		rel, err := filepath.Rel(root, target)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return "", outside(e, fmt.Sprintf(" through the symbolic link %s -> %s", path.Join(path.Join(done...), seg), target))
		}
		followed = true
		done = nil
		if rel != "." {
			done = strings.Split(filepath.ToSlash(rel), "/")
		}
	}
	if !followed {
		return e, nil
	}
	parts := append(done, segs[i:]...)
	out := strings.Join(parts, "/")
	switch {
	case out == "":
		return "**", nil // a link to the root itself: the whole repository
	case strings.HasSuffix(s, "/") && !strings.HasSuffix(out, "/"):
		out += "/"
	}
	return out, nil
}

// linkTarget is where the symbolic link p points, links resolved. A
// dangling link is read one hop, lexically.
func linkTarget(p string) (string, error) {
	if t, err := filepath.EvalSymlinks(p); err == nil {
		return t, nil
	}
	t, err := os.Readlink(p)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(t) {
		t = filepath.Join(filepath.Dir(p), t)
	}
	return filepath.Clean(t), nil
}

func outside(entry, how string) error {
	return fmt.Errorf("tree entry %q %w%s (trees are paths inside the repository)", entry, tree.ErrOutside, how)
}
