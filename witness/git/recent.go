package git

import (
	"errors"
	"fmt"
	"io"
	"strings"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// RecentSubjects returns the subjects of the newest n commits reachable
// from HEAD, newest first by committer time, as git log prints them with
// %s. An unborn HEAD gives no subjects and no error.
func (r *Repo) RecentSubjects(n int) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	head, err := r.Resolve("HEAD")
	if errors.Is(err, ErrNoCommits) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	it, err := r.R.Log(&gogit.LogOptions{From: head, Order: gogit.LogOrderCommitterTime})
	if err != nil {
		return nil, fmt.Errorf("walk history from HEAD: %w", err)
	}
	defer it.Close()
	out := make([]string, 0, n)
	for len(out) < n {
		c, err := it.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("walk history from HEAD: %w", err)
		}
		out = append(out, Subject(c))
	}
	return out, nil
}

// Subject is a commit's subject as git's %s gives it: the first paragraph
// of the message with its lines joined by single spaces.
func Subject(c *object.Commit) string {
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
