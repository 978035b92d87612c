package ledger

import (
	"maps"
	"slices"
)

// Verified is a STEP_VERIFIED as stored: the run's ledger says dos checked
// the step at SHA. Readers re-check it against git before counting it.
type Verified struct {
	SHA      string   `json:"sha"`
	Via      string   `json:"via"`
	Verdicts []string `json:"verdicts"`
}

// State is the replay of one ledger.
type State struct {
	RunID         string
	Goal          string
	Plan          string
	Phase         string
	StartSHA      string
	DeclaredSteps []string
	StepRegions   map[string][]string
	// Claimed maps a step to the sha the run claimed for it (last wins);
	// ClaimOrder lists claimed steps in first-claim order.
	Claimed    map[string]string
	ClaimOrder []string
	// Verified maps a step to its stored STEP_VERIFIED (last wins);
	// VerifyOrder lists them in first-verified order.
	Verified    map[string]Verified
	VerifyOrder []string
	// Suspended is set by SUSPEND and cleared by a later INTENT.
	Suspended        bool
	SuspendResumeSHA string
	SuspendReason    string
	// Checkpoint is the SUSPEND's transcript checkpoint, if any.
	Checkpoint *Checkpoint
	// Predecessors are the predecessor run ids of RESUME_PROPOSED records,
	// de-duplicated, in order.
	Predecessors []string
	// Proposed counts RESUME_PROPOSED records.
	Proposed int
	// Records counts the records replayed; CorruptLines the unreadable
	// lines before the last; UnreadableNewer is set when a record of a
	// newer format was seen.
	Records         int
	CorruptLines    int
	UnreadableNewer bool
}

// Checkpoint is a kernel-stamped transcript position a rewind may return
// to: the 0-based turn and the SHA-256 of that turn's line.
type Checkpoint struct {
	Turn   int
	Digest string
}

// HasIntent reports whether the run declared anything: a goal, a plan or
// steps.
func (s *State) HasIntent() bool {
	return s.Goal != "" || s.Plan != "" || len(s.DeclaredSteps) > 0
}

// Line is one parsed line for [Replay].
type Line struct {
	Record Record
	Kind   Kind
}

// Replay folds lines in order: later scalars win, collections accumulate.
// Corrupt lines are counted, newer-format lines set UnreadableNewer,
// ignored lines and unknown ops change nothing.
func Replay(lines []Line) *State {
	s := &State{Claimed: map[string]string{}, Verified: map[string]Verified{}}
	for _, l := range lines {
		s.Apply(l.Record, l.Kind)
	}
	return s
}

// Apply folds one line.
func (s *State) Apply(r Record, k Kind) {
	switch k {
	case KindIgnored:
		return
	case KindCorrupt:
		s.CorruptLines++
		return
	case KindNewer:
		s.CorruptLines++
		s.UnreadableNewer = true
		return
	}
	if s.Claimed == nil {
		s.Claimed, s.Verified = map[string]string{}, map[string]Verified{}
	}
	s.Records++
	if r.RunID != "" {
		s.RunID = r.RunID
	}
	switch r.Op {
	case OpIntent:
		set(&s.Goal, r.Goal)
		set(&s.Plan, r.Plan)
		set(&s.Phase, r.Phase)
		set(&s.StartSHA, r.StartSHA)
		if r.HasDeclared {
			s.DeclaredSteps = dedupe(r.DeclaredSteps)
		}
		if r.HasRegions {
			s.StepRegions = maps.Clone(r.StepRegions)
		}
		s.Suspended, s.SuspendResumeSHA, s.SuspendReason, s.Checkpoint = false, "", "", nil
	case OpStepClaimed:
		if r.StepID == "" {
			return
		}
		if _, seen := s.Claimed[r.StepID]; !seen {
			s.ClaimOrder = append(s.ClaimOrder, r.StepID)
		}
		s.Claimed[r.StepID] = r.SHA
	case OpStepVerified:
		if r.StepID == "" {
			return
		}
		if _, seen := s.Verified[r.StepID]; !seen {
			s.VerifyOrder = append(s.VerifyOrder, r.StepID)
		}
		s.Verified[r.StepID] = Verified{SHA: r.SHA, Via: r.Via, Verdicts: slices.Clone(r.Verdicts)}
	case OpSuspend:
		s.Suspended = true
		s.SuspendReason = r.Reason
		s.SuspendResumeSHA = r.ResumeSHA
		if s.SuspendResumeSHA == "" {
			s.SuspendResumeSHA = r.SHA
		}
		s.Checkpoint = nil
		if r.TranscriptDigest != "" {
			turn := -1
			if r.HasCheckpoint {
				turn = r.CheckpointTurn
			}
			s.Checkpoint = &Checkpoint{Turn: turn, Digest: r.TranscriptDigest}
		}
	case OpResumeProposed:
		s.Proposed++
		if r.Predecessor != "" && !slices.Contains(s.Predecessors, r.Predecessor) {
			s.Predecessors = append(s.Predecessors, r.Predecessor)
		}
	}
}

func set(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// dedupe drops empty and repeated step ids, keeping first occurrences.
func dedupe(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
