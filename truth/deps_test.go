package truth

import (
	"os/exec"
	"strings"
	"testing"
)

// The verify path links no git library: refs come from the ref files and
// everything else from the git program, so a hook or server that links
// truth pays for none of go-git (nor what it drags in: ssh, http,
// openpgp). The witness packages truth builds on hold the same line.
func TestVerifyPathLinksNoGitLibrary(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	for _, pkg := range []string{".", "../witness/gitref", "../witness/gitlog", "../state/verifyindex"} {
		out, err := exec.Command(goCmd, "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "github.com/go-git/") || dep == "net/http" ||
				strings.HasPrefix(dep, "golang.org/x/crypto/") || strings.HasPrefix(dep, "github.com/ProtonMail/") {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
