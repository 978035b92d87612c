package runs

import (
	"encoding/hex"

	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/witness/gitref"
	"github.com/dispatchos/dos/workspace"
)

// headSHA is the full sha HEAD points at, or "" outside git and before
// the first commit. It reads ref files and never opens the object store.
func headSHA(ws *workspace.Workspace) string {
	if !ws.IsGit() {
		return ""
	}
	h, err := (gitref.Dirs{GitDir: ws.GitDir, CommonDir: ws.CommonDir}).Commit("HEAD")
	if err != nil {
		return ""
	}
	return hex.EncodeToString(h[:])
}

// resolveCommit turns a revision a person typed (a sha, a tag, HEAD~1)
// into a full sha. A hex string is kept as typed (the verify index
// resolves abbreviations); anything else goes through go-git. ok is false
// when it names no commit.
func resolveCommit(ws *workspace.Workspace, rev string) (string, bool) {
	if isHex(rev) || !ws.IsGit() {
		return rev, isHex(rev)
	}
	repo, err := git.OpenDirs(ws.GitDir, ws.CommonDir, ws.CheckoutRoot)
	if err != nil {
		return rev, false
	}
	h, err := repo.Resolve(rev)
	if err != nil {
		return rev, false
	}
	return h.String(), true
}

func isHex(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
