package git

import (
	"bufio"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// errSlowPath means the files alone cannot answer; ask go-git.
var errSlowPath = errors.New("ref needs the object database")

// ReadRef resolves a ref name to a commit hash by reading the ref files
// (HEAD, loose refs, packed-refs), without opening the object database.
// It serves the warm verify path, where opening go-git's pack index would
// cost more than the whole answer. Names it cannot settle from files alone
// (annotated tags without a peeled line, revision syntax such as HEAD~2,
// abbreviated hashes, the reftable format) give an error, and the caller
// falls back to [Repo.Resolve].
func ReadRef(gitDir, commonDir, name string) ([20]byte, error) {
	var zero [20]byte
	if name == "" {
		name = "HEAD"
	}
	candidates := []string{name}
	if name != "HEAD" && !strings.HasPrefix(name, "refs/") {
		candidates = []string{"refs/heads/" + name, "refs/tags/" + name, "refs/remotes/" + name, "refs/" + name}
	}
	for _, c := range candidates {
		h, err := readSymbolic(gitDir, commonDir, c, 0)
		if err == nil {
			return h, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return zero, err
		}
	}
	return zero, os.ErrNotExist
}

func readSymbolic(gitDir, commonDir, name string, depth int) ([20]byte, error) {
	var zero [20]byte
	if depth > 5 || strings.Contains(name, "..") {
		return zero, errSlowPath
	}
	dir := commonDir
	if name == "HEAD" {
		dir = gitDir
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err == nil {
		line := strings.TrimSpace(string(b))
		if target, ok := strings.CutPrefix(line, "ref:"); ok {
			return readSymbolic(gitDir, commonDir, strings.TrimSpace(target), depth+1)
		}
		var h [20]byte
		if len(line) != 40 {
			return zero, errSlowPath
		}
		if _, err := hex.Decode(h[:], []byte(line)); err != nil {
			return zero, errSlowPath
		}
		if strings.HasPrefix(name, "refs/tags/") {
			return zero, errSlowPath // may be an annotated tag object
		}
		return h, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return zero, err
	}
	return packedRef(commonDir, name)
}

// packedRef looks name up in packed-refs, using the peeled line of an
// annotated tag.
func packedRef(commonDir, name string) ([20]byte, error) {
	var zero [20]byte
	f, err := os.Open(filepath.Join(commonDir, "packed-refs"))
	if err != nil {
		return zero, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	found := false
	var h [20]byte
	for sc.Scan() {
		line := sc.Bytes()
		if found {
			if len(line) == 41 && line[0] == '^' {
				_, err := hex.Decode(h[:], line[1:])
				if err != nil {
					return zero, errSlowPath
				}
			} else if strings.HasPrefix(name, "refs/tags/") {
				return zero, errSlowPath // unpeeled: might be an annotated tag
			}
			return h, nil
		}
		if len(line) > 41 && line[40] == ' ' && string(line[41:]) == name {
			if _, err := hex.Decode(h[:], line[:40]); err != nil {
				return zero, errSlowPath
			}
			found = true
		}
	}
	if found {
		if strings.HasPrefix(name, "refs/tags/") {
			return zero, errSlowPath // unpeeled: might be an annotated tag
		}
		return h, nil
	}
	return zero, os.ErrNotExist
}
