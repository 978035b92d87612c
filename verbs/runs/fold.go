package runs

import (
	"context"
	"github.com/dispatchos/dos/call"

	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/resume"
	"github.com/dispatchos/dos/state/ledger"
	"github.com/dispatchos/dos/workspace"
)

// runFold is a run's intent ledger replayed and its steps re-checked
// against git.
type runFold struct {
	id     string
	ledger *ledger.Ledger
	read   *ledger.Read
	git    resume.Checker
	steps  []resume.Step
}

// foldRun reads run id's ledger in ws and re-adjudicates its steps through
// the verify path. Outside git nothing stands: a step is never counted on
// the run's word.
func foldRun(ctx context.Context, ws *workspace.Workspace, id string) (*runFold, error) {
	l, err := ledgerOf(ws, id)
	if err != nil {
		return nil, err
	}
	rd, err := l.Read()
	if err != nil {
		return nil, err
	}
	f := &runFold{id: id, ledger: l, read: rd, git: noGit{}}
	st := rd.State
	if ws.IsGit() && (st.StartSHA != "" || len(st.Claimed) > 0 || len(st.Verified) > 0) {
		tr, err := openTruth(ctx, ws)
		if err != nil {
			return nil, err
		}
		f.git = tr
	}
	f.steps = resume.Adjudicate(st, f.git)
	return f, nil
}

// plan is resume's answer for the run.
func (f *runFold) plan(diverged bool) resume.Plan {
	return resume.Decide(f.read.State, f.steps, f.git, f.read.Exists, diverged)
}

// noGit is the checker outside a repository: no commit is in history.
type noGit struct{}

func (noGit) CheckCommit(sha string, _ []string) oracle.CommitCheck {
	return oracle.CommitCheck{SHA: sha, Rule: oracle.CommitUnreachable}
}

func (noGit) InHistory(string) bool { return false }

// openRun checks the run id (given, else the environment's), resolves the
// workspace and folds the run: the opening every run verb shares.
func openRun(ctx context.Context, env *call.Env, given string) (string, *workspace.Workspace, *runFold, error) {
	id, err := runID(env, given)
	if err != nil {
		return "", nil, nil, err
	}
	ws, err := env.Workspace()
	if err != nil {
		return "", nil, nil, err
	}
	f, err := foldRun(ctx, ws, id)
	return id, ws, f, err
}
