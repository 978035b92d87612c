package git

import (
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// recentRepo runs git in a fresh repository with a fixed identity and no
// user or system config.
func recentRepo(t *testing.T) (string, func(env []string, args ...string) string) {
	t.Helper()
	dir := t.TempDir()
	run := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = gittest.Env(env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
		return string(out)
	}
	run(nil, "init", "-q", "-b", "main")
	return dir, run
}

func TestRecentSubjectsMatchesGitLog(t *testing.T) {
	dir, git := recentRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// An unborn HEAD has no subjects and is not an error.
	if s, err := r.RecentSubjects(50); err != nil || len(s) != 0 {
		t.Fatalf("unborn: %q, %v", s, err)
	}
	msgs := []string{"AUTH1: first", "AUTH:\nAUTH2 two line\n\nbody here", "  fix: spaced\r\n", "docs/P3: last"}
	for i, m := range msgs {
		date := "2026-01-0" + strconv.Itoa(i+1) + "T00:00:00Z"
		git([]string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date},
			"commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", m)
	}
	r, _ = Open(dir)
	for _, n := range []int{0, 2, 50} {
		got, err := r.RecentSubjects(n)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		if n > 0 {
			out := strings.TrimRight(git(nil, "log", "--format=%s", "-n", strconv.Itoa(n)), "\n")
			want = strings.Split(out, "\n")
			if n > len(msgs) {
				want = want[:len(msgs)]
			}
		}
		for i := range want {
			want[i] = strings.TrimSpace(want[i])
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("RecentSubjects(%d) = %q, git log says %q", n, got, want)
		}
	}
}
