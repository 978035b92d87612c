package git

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/witness/gitref"
)

// RecentSubjects returns the subjects of the newest n commits reachable
// from HEAD, newest first by committer time, as git log prints them with
// %s. An unborn HEAD gives no subjects and no error.
func (r *Repo) RecentSubjects(n int) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	head, err := r.Resolve("HEAD")
	if errors.Is(err, gitref.ErrNoCommits) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cs, err := r.commitsFrom(ZeroHash, head, n)
	if err != nil {
		return nil, fmt.Errorf("walk history from HEAD: %w", err)
	}
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, Subject(c))
	}
	return out, nil
}

// Subject is a commit's subject as git's %s gives it: the first paragraph
// of the message with its lines joined by single spaces.
func Subject(c *Commit) string {
	msg := strings.ReplaceAll(c.Message, "\r\n", "\n")
	msg = strings.TrimLeft(msg, "\n")
	if i := strings.Index(msg, "\n\n"); i >= 0 {
		msg = msg[:i]
	}
	lines := strings.Split(strings.TrimRight(msg, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}
