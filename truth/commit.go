package truth

import "github.com/dispatchos/dos/kernel/oracle"

// CheckCommit asks the verify path whether the commit sha, named by a run
// for one of its steps, is evidence that the step landed now: in the
// history of the verified ref, not reverted, not empty, and inside region
// when one is given (see [oracle.CheckCommit]). status, trace, resume,
// complete and intent verify-step all ask here, so none can believe a
// step on the run's own word.
func (r *Reader) CheckCommit(sha string, region []string) oracle.CommitCheck {
	cfg := r.ws.Config
	return oracle.CheckCommit(sha, region, r.hist, oracle.Policy{AllowEmpty: cfg.Verify.AllowEmpty, IgnorePaths: cfg.Verify.IgnorePaths})
}

// InHistory reports whether sha names a commit reachable from the verified
// ref.
func (r *Reader) InHistory(sha string) bool {
	if sha == "" {
		return false
	}
	_, ok := r.hist.Resolve(sha)
	return ok
}
