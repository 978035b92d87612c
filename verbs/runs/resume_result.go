package runs

import (
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/resume"
)

// ResumeResult is resume's answer, with the reference's keys (in key
// order, so a nested copy in status prints sorted too).
type ResumeResult struct {
	AlreadyProposed  bool     `json:"already_proposed"`
	PredecessorRunID string   `json:"predecessor_run_id"`
	ProposedCommand  string   `json:"proposed_command,omitempty"`
	ProposedNow      bool     `json:"proposed_now"`
	Reason           string   `json:"reason"`
	Residual         []string `json:"residual"`
	ResumeSHA        string   `json:"resume_sha"`
	RunID            string   `json:"run_id"`
	Verdict          string   `json:"verdict"`
	Verified         []string `json:"verified"`
}

// newResumeResult renders a plan for run id.
func newResumeResult(id string, p resume.Plan) ResumeResult {
	r := ResumeResult{AlreadyProposed: p.AlreadyProposed, PredecessorRunID: id, Reason: p.Reason,
		Residual: p.Residual, ResumeSHA: p.ResumeSHA, RunID: id, Verdict: p.Verdict.String(), Verified: p.Verified}
	if r.Residual == nil {
		r.Residual = []string{}
	}
	if r.Verified == nil {
		r.Verified = []string{}
	}
	if p.Verdict == resume.Resumable {
		r.ProposedCommand = resume.Command(id, p)
	}
	return r
}

// resumeVerdict maps a plan's verdict to its declared word.
func resumeVerdict(v resume.Verdict) call.Verdict {
	switch v {
	case resume.Resumable:
		return Resumable
	case resume.Complete:
		return ResumeComplete
	case resume.Diverged:
		return Diverged
	case resume.Unresumable:
		return Unresumable
	}
	return ResumeUnknown
}
