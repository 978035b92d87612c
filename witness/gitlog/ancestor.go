package gitlog

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
)

// IsAncestor reports whether commit a is an ancestor of (or equal to) b,
// asking git merge-base --is-ancestor. Only the index's cold path uses it.
func IsAncestor(ctx context.Context, dir, a, b string) (bool, error) {
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "merge-base", "--is-ancestor", a, b)
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &ee) && ee.ExitCode() == 1:
		return false, nil
	}
	return false, fmt.Errorf("git merge-base --is-ancestor: %w", err)
}
