package ship

import (
	"bytes"
	"context"
	"fmt"
	"github.com/dispatchos/dos/call"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// auditTestRepo makes a repository of n commits with git fast-import: every
// third is empty ("implement step i"), the others add a Go file.
func auditTestRepo(t *testing.T, n int) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	var fi strings.Builder
	for i := 1; i <= n; i++ {
		msg := fmt.Sprintf("add step %d", i)
		if i%3 == 0 {
			msg = fmt.Sprintf("implement step %d", i)
		}
		fmt.Fprintf(&fi, "commit refs/heads/main\nmark :%d\ncommitter t <t@t.invalid> %d +0000\ndata %d\n%s\n", i, 1_700_000_000+i, len(msg), msg)
		if i > 1 {
			fmt.Fprintf(&fi, "from :%d\n", i-1)
		}
		if i%3 != 0 {
			body := fmt.Sprintf("package p // %d\n", i)
			fmt.Fprintf(&fi, "M 644 inline p%d.go\ndata %d\n%s\n", i, len(body), body)
		}
		fi.WriteString("\n")
	}
	run := func(stdin string, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(stdin)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
	}
	run("", "init", "-q", "-b", "main")
	run(fi.String(), "fast-import", "--quiet")
	run("", "checkout", "-q", "main")
	return dir
}

func runAudit(t *testing.T, dir string, a CommitAuditArgs) (*call.Result, string) {
	t.Helper()
	var stderr bytes.Buffer
	env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &stderr}
	args := CommitAudit.NewArgs().(*CommitAuditArgs)
	if a.Ref != "" {
		args.Ref = a.Ref
	}
	args.Sweep, args.WarnOnly, args.DocsOK = a.Sweep, a.WarnOnly, a.DocsOK
	res, err := CommitAudit.Run(context.Background(), env, &call.Input{Args: args})
	if err != nil {
		t.Fatalf("commit-audit %+v: %v", a, err)
	}
	return res, stderr.String()
}

// Spec verify-and-config §6: a range reads at most 500 commits, newest
// first; we say so on stderr when it cuts.
func TestCommitAuditRangeCap(t *testing.T) {
	dir := auditTestRepo(t, 503)
	res, stderr := runAudit(t, dir, CommitAuditArgs{Ref: "HEAD~502..HEAD", WarnOnly: true})
	rows := res.Body.(AuditReport).Findings
	if len(rows) != 500 {
		t.Fatalf("%d rows, want 500", len(rows))
	}
	if rows[0].Subject != "add step 503" || rows[499].Subject != "add step 4" {
		t.Errorf("rows run %q .. %q, want newest first from step 503 to step 4", rows[0].Subject, rows[499].Subject)
	}
	if !strings.Contains(stderr, "more than 500 commits; auditing the newest 500") {
		t.Errorf("stderr = %q, want the cap warning", stderr)
	}
	if res.Verdict.Word() != "WARNED" || res.ExitCode != 0 {
		t.Errorf("--warn-only answered %q exit %d, want WARNED and exit 0", res.Verdict, res.ExitCode)
	}
	if strings.Contains(stderr, "make a claim") {
		t.Errorf("--warn-only printed the unwitnessed summary: %q", stderr)
	}
}

func TestCommitAuditVerdicts(t *testing.T) {
	dir := auditTestRepo(t, 6)
	res, stderr := runAudit(t, dir, CommitAuditArgs{Ref: "HEAD~2..HEAD"})
	if res.Verdict.Word() != "UNWITNESSED" || res.ExitCode != 1 {
		t.Errorf("range with an empty implement: %q exit %d", res.Verdict.Word(), res.ExitCode)
	}
	if !strings.Contains(stderr, "commit-audit: 1/2 commit(s) make a claim their diff does not witness.") {
		t.Errorf("stderr = %q", stderr)
	}
	if !strings.HasPrefix(res.Interpretation, "CLAIM UNWITNESSED — 1 of 2") {
		t.Errorf("interpretation = %q", res.Interpretation)
	}
	res, stderr = runAudit(t, dir, CommitAuditArgs{Ref: "HEAD~1"})
	if res.Verdict.Word() != "CLEAN" || res.ExitCode != 0 || stderr != "" {
		t.Errorf("a witnessed commit: %q exit %d stderr %q", res.Verdict, res.ExitCode, stderr)
	}
	res, _ = runAudit(t, dir, CommitAuditArgs{Sweep: "HEAD~3..HEAD"})
	sw := *res.Body.(AuditReport).Sweep
	if sw.Commits != 3 || sw.Unwitnessed != 1 || sw.Witnessed != 2 || sw.DriftRate != 0.3333 || len(sw.ByKind) != 4 {
		t.Errorf("sweep = %+v", sw)
	}
}
