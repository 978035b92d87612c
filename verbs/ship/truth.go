package ship

import (
	"context"
	"errors"
	"github.com/dispatchos/dos/call"
	"path"
	"strings"

	"github.com/dispatchos/dos/truth"
)

// openTruth opens the shared verify reader on env's workspace.
func openTruth(ctx context.Context, env *call.Env, o truth.Options) (*truth.Reader, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	r, err := truth.Open(ctx, ws, o)
	return r, truthError(err)
}

// truthError maps the truth package's errors onto contract errors (exit 2)
// with hints for a person.
func truthError(err error) error {
	var refErr *truth.RefError
	var amb *truth.AmbiguousPlanError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, truth.ErrNotGit):
		return call.WithHint(err, "verify reads git history; run it inside a repository or pass --workspace")
	case errors.As(err, &refErr) && refErr.Ref == "HEAD":
		return &call.UsageError{Msg: err.Error(), Hints: []string{"the repository's HEAD is missing or unreadable: is its .git intact?"}}
	case errors.As(err, &refErr):
		return &call.UsageError{Msg: err.Error(), Hints: []string{"--ref takes a branch, tag or commit of this repository"}}
	case errors.As(err, &amb):
		return &call.UsageError{Msg: err.Error(), Hints: []string{"query the full plan id, such as " + strings.TrimSuffix(path.Base(amb.Docs[0]), path.Ext(amb.Docs[0]))}}
	}
	return err
}
