package runs

import (
	"context"
	"errors"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/truth"
	"github.com/dispatchos/dos/workspace"
)

// openTruth opens the shared verify path on ws at HEAD, for the commit
// checks of the run verbs.
func openTruth(ctx context.Context, ws *workspace.Workspace) (*truth.Reader, error) {
	r, err := truth.Open(ctx, ws, truth.Options{NoCI: true})
	var refErr *truth.RefError
	switch {
	case err == nil:
		return r, nil
	case errors.Is(err, truth.ErrNotGit):
		return nil, &call.UsageError{Msg: err.Error(), Hints: []string{"a run's steps are checked against git; run this inside the repository or pass --workspace"}}
	case errors.As(err, &refErr):
		return nil, &call.UsageError{Msg: err.Error(), Hints: []string{"the repository's HEAD is missing or unreadable: is its .git intact?"}}
	}
	return nil, err
}
