package gitref

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

var (
	// ErrNotFound is a ref name that no ref file holds.
	ErrNotFound = errors.New("no such ref")
	// ErrNoCommits is HEAD on a branch that has no commit yet.
	ErrNoCommits = errors.New("no commits yet")
	// ErrNeedsObjects is a revision the ref files alone cannot settle.
	ErrNeedsObjects = errors.New("the ref files cannot settle this revision")
	// ErrMalformed is a ref file that holds neither a hash nor a
	// symbolic ref.
	ErrMalformed = errors.New("malformed ref")
)

// Target is what a ref name points at, symbolic refs followed.
type Target struct {
	// Name is the full name of the ref that held the hash (HEAD when
	// HEAD is detached).
	Name string
	// Hash is the object the ref holds.
	Hash [20]byte
	// MaybeTag says Hash may be an annotated tag object rather than a
	// commit: a tag ref with no peeled value on record.
	MaybeTag bool
}

// maxSymDepth is how many symbolic refs a lookup follows, as in git.
const maxSymDepth = 5

// Lookup finds a ref by name the way git expands a name on the command
// line: the name itself when it is HEAD-like or starts with refs/, then
// refs/<name>, refs/tags/<name>, refs/heads/<name>, refs/remotes/<name>
// and refs/remotes/<name>/HEAD. Symbolic refs are followed; HEAD on an
// unborn branch is [ErrNoCommits], an unknown name [ErrNotFound].
func (d Dirs) Lookup(name string) (Target, error) {
	if !ValidName(name) {
		return Target{}, ErrNotFound
	}
	l := lookup{d: d}
	for _, c := range candidates(name) {
		t, err := l.resolve(c, 0)
		if !errors.Is(err, ErrNotFound) {
			return t, err
		}
	}
	return Target{}, ErrNotFound
}

// Commit resolves rev from the ref files alone, for the warm verify path:
// "" and "@" mean HEAD. It gives [ErrNoCommits] for HEAD on an unborn
// branch, [ErrNotFound] for a plain name no ref holds, and
// [ErrNeedsObjects] for everything only the objects can settle: hashes
// and hash prefixes, ancestry steps, other revision syntax, annotated
// tags without a peeled line, and reftable repositories.
func (d Dirs) Commit(rev string) ([20]byte, error) {
	var zero [20]byte
	if rev == "" || rev == "@" {
		rev = "HEAD"
	}
	if !ValidName(rev) || (len(rev) == 40 && isHex(rev)) {
		return zero, ErrNeedsObjects
	}
	t, err := d.Lookup(rev)
	switch {
	case err == nil && t.MaybeTag:
		return zero, ErrNeedsObjects
	case err == nil:
		return t.Hash, nil
	case errors.Is(err, ErrNotFound) && len(rev) >= 4 && isHex(rev):
		return zero, ErrNeedsObjects // a hash prefix, perhaps
	}
	return zero, err
}

func candidates(name string) []string {
	out := make([]string, 0, 6)
	if name == "HEAD" {
		return append(out, name) // nothing shadows HEAD
	}
	if strings.HasPrefix(name, "refs/") || rootRef(name) {
		out = append(out, name)
	}
	return append(out, "refs/"+name, "refs/tags/"+name, "refs/heads/"+name,
		"refs/remotes/"+name, "refs/remotes/"+name+"/HEAD")
}

// rootRef is a name git keeps at the top of the git directory: HEAD,
// ORIG_HEAD, FETCH_HEAD and the like.
func rootRef(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('A' <= c && c <= 'Z') && c != '_' {
			return false
		}
	}
	return true
}

// perWorktree are the ref namespaces each worktree keeps in its own git
// directory.
func perWorktree(name string) bool {
	return rootRef(name) || strings.HasPrefix(name, "refs/worktree/") ||
		strings.HasPrefix(name, "refs/bisect/") || strings.HasPrefix(name, "refs/rewritten/")
}

// lookup reads packed-refs at most once for all its candidates.
type lookup struct {
	d          Dirs
	packed     []byte
	packedRead bool
	packedErr  error
}

func (l *lookup) resolve(name string, depth int) (Target, error) {
	if depth > maxSymDepth {
		return Target{}, fmt.Errorf("%s: symbolic refs nest deeper than %d: %w", name, maxSymDepth, ErrMalformed)
	}
	dir := l.d.CommonDir
	if perWorktree(name) {
		dir = l.d.GitDir
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	b, err := readFile(p)
	if err != nil {
		if !missing(p, err) {
			return Target{}, err
		}
		if perWorktree(name) && !strings.HasPrefix(name, "refs/") {
			return Target{}, ErrNotFound // root refs are never packed
		}
		return l.packedRef(name)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimSpace(line)
	if target, ok := strings.CutPrefix(line, "ref:"); ok {
		target = strings.TrimSpace(target)
		if target == "refs/heads/.invalid" {
			return Target{}, ErrNeedsObjects // reftable keeps this stub for old gits
		}
		if (!strings.HasPrefix(target, "refs/") && !rootRef(target)) || !ValidName(target) {
			return Target{}, fmt.Errorf("%s: %w", p, ErrMalformed)
		}
		t, err := l.resolve(target, depth+1)
		if errors.Is(err, ErrNotFound) && name == "HEAD" && strings.HasPrefix(target, "refs/heads/") {
			return Target{}, ErrNoCommits
		}
		return t, err
	}
	h, ok := parseHashLine(line)
	if !ok {
		if len(line) == 64 && isHex(line) {
			return Target{}, ErrNeedsObjects // a SHA-256 repository
		}
		return Target{}, fmt.Errorf("%s: %w", p, ErrMalformed)
	}
	return Target{Name: name, Hash: h, MaybeTag: strings.HasPrefix(name, "refs/tags/")}, nil
}

// parseHashLine reads 40 hex digits, alone or followed by white space
// (FETCH_HEAD's lines go on after a tab).
func parseHashLine(line string) ([20]byte, bool) {
	var h [20]byte
	if len(line) < 40 || (len(line) > 40 && line[40] != ' ' && line[40] != '\t') {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(line[:40]))
	return h, err == nil
}

func (l *lookup) packedRef(name string) (Target, error) {
	if !l.packedRead {
		l.packedRead = true
		l.packed, l.packedErr = readFile(filepath.Join(l.d.CommonDir, "packed-refs"))
		if errors.Is(l.packedErr, fs.ErrNotExist) {
			l.packedErr = nil
		}
	}
	if l.packedErr != nil {
		return Target{}, l.packedErr
	}
	h, maybeTag, found := FindPacked(l.packed, name)
	if !found {
		return Target{}, ErrNotFound
	}
	return Target{Name: name, Hash: h, MaybeTag: maybeTag}, nil
}

// FindPacked looks name up in the content of a packed-refs file. A ref
// with a peeled line ("^<hash>") gives the peeled commit; a tag ref
// without one may be an annotated tag unless the file's header says its
// tags are peeled.
func FindPacked(data []byte, name string) (h [20]byte, maybeTag, found bool) {
	peeledTags := false
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte{'\n'})
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if traits, ok := bytes.CutPrefix(line, []byte("# pack-refs with:")); ok {
			for _, t := range bytes.Fields(traits) {
				if s := string(t); s == "peeled" || s == "fully-peeled" {
					peeledTags = true
				}
			}
			continue
		}
		if len(line) < 42 || line[40] != ' ' || string(line[41:]) != name {
			continue
		}
		if _, err := hex.Decode(h[:], line[:40]); err != nil {
			return [20]byte{}, false, false
		}
		next, _, _ := bytes.Cut(data, []byte{'\n'})
		next = bytes.TrimSuffix(next, []byte{'\r'})
		if len(next) == 41 && next[0] == '^' {
			var peeled [20]byte
			if _, err := hex.Decode(peeled[:], next[1:]); err == nil {
				return peeled, false, true
			}
		}
		return h, strings.HasPrefix(name, "refs/tags/") && !peeledTags, true
	}
	return h, false, false
}

// missing reports whether a failed read means the ref file is not there:
// absent, a directory, or under a path component that is a file.
func missing(p string, err error) bool {
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	st, serr := os.Stat(p)
	if serr != nil {
		return !errors.Is(serr, fs.ErrPermission)
	}
	return st.IsDir()
}

// ValidName reports whether name is a well-formed ref name (the rules of
// git check-ref-format, one-level names allowed): no "..", "@{", control
// characters, spaces or any of ~^:?*[\, no component starting with "."
// or ending in ".lock", no empty component.
func ValidName(name string) bool {
	if name == "" || name == "@" || strings.Contains(name, "..") || strings.Contains(name, "@{") ||
		strings.HasSuffix(name, ".") {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < 0x20 || c == 0x7f || strings.IndexByte(" ~^:?*[\\", c) >= 0 {
			return false
		}
	}
	for _, comp := range strings.Split(name, "/") {
		if comp == "" || comp[0] == '.' || strings.HasSuffix(comp, ".lock") {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9') && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return s != ""
}
