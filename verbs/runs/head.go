package runs

import (
	"encoding/hex"

	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/workspace"
)

// headSHA is the full sha HEAD points at, or "" outside git and before
// the first commit. It reads ref files and never opens the object store.
func headSHA(ws *workspace.Workspace) string {
	if !ws.IsGit() {
		return ""
	}
	h, err := git.ReadRef(ws.GitDir, ws.CommonDir, "HEAD")
	if err != nil {
		return ""
	}
	return hex.EncodeToString(h[:])
}
