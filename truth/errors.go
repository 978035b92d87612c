package truth

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotGit is returned for a workspace outside any git repository.
var ErrNotGit = errors.New("not a git repository")

// RefError is a ref (or HEAD) that does not resolve to a commit.
type RefError struct {
	Ref string
	Err error
}

func (e *RefError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *RefError) Unwrap() error { return e.Err }

// AmbiguousPlanError is a bare plan number that two or more plan docs
// share, so it names no single plan.
type AmbiguousPlanError struct {
	Plan string
	Docs []string
}

func (e *AmbiguousPlanError) Error() string {
	return fmt.Sprintf("plan number %q is ambiguous: %d plan docs share it (%s)", e.Plan, len(e.Docs), strings.Join(e.Docs, ", "))
}
