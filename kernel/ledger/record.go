package ledger

// The ledger's operations.
const (
	OpIntent         = "INTENT"
	OpStepClaimed    = "STEP_CLAIMED"
	OpStepVerified   = "STEP_VERIFIED"
	OpSuspend        = "SUSPEND"
	OpResumeProposed = "RESUME_PROPOSED"
)

// Family and Version tag every record this package writes.
const (
	Family  = "intent-ledger"
	Version = 1
)

// The via values a STEP_VERIFIED may carry that resume accepts.
const (
	ViaFilePath = "file-path"
	ViaRegistry = "registry"
)

// Schema is the schema tag of a record.
type Schema struct {
	Family  string `json:"family"`
	Version int    `json:"version"`
}

// CurrentSchema is the tag written on every new record.
func CurrentSchema() Schema { return Schema{Family: Family, Version: Version} }

// Record is one ledger line as read: every field any op carries. Fields a
// record does not carry stay zero.
type Record struct {
	Op               string
	RunID            string
	TS               string
	Goal             string
	Plan             string
	Phase            string
	StartSHA         string
	DeclaredSteps    []string
	HasDeclared      bool // declared_steps was present
	StepRegions      map[string][]string
	HasRegions       bool // step_regions was present
	StepID           string
	SHA              string
	Via              string
	Verdicts         []string
	Reason           string
	ResumeSHA        string
	Residual         []string
	CheckpointTurn   int
	HasCheckpoint    bool // checkpoint_turn was an integer
	TranscriptDigest string
	Predecessor      string
}

// Kind says what a line turned out to be.
type Kind int

// The kinds of line.
const (
	// KindRecord is a record of this family at a version we read.
	KindRecord Kind = iota
	// KindIgnored is a blank line or JSON that is not an object.
	KindIgnored
	// KindCorrupt is text that is not JSON, or an object of another family.
	KindCorrupt
	// KindNewer is a record of a newer version of this family.
	KindNewer
)

// The records a writer appends, one struct per op, their fields in key
// order so the encoding has sorted keys. run_id, ts and schema are filled
// in by the writer.

// Intent declares what the run sets out to do.
type Intent struct {
	DeclaredSteps []string            `json:"declared_steps,omitempty"`
	Env           map[string]string   `json:"env,omitempty"`
	Goal          string              `json:"goal"`
	Op            string              `json:"op"`
	Phase         string              `json:"phase"`
	Plan          string              `json:"plan"`
	RunID         string              `json:"run_id"`
	Schema        Schema              `json:"schema"`
	StartSHA      string              `json:"start_sha"`
	StepRegions   map[string][]string `json:"step_regions,omitempty"`
	TS            string              `json:"ts"`
}

// StepClaimed is the run's own word that a step landed at a commit.
type StepClaimed struct {
	Op     string `json:"op"`
	RunID  string `json:"run_id"`
	Schema Schema `json:"schema"`
	SHA    string `json:"sha"`
	StepID string `json:"step_id"`
	TS     string `json:"ts"`
}

// StepVerified records that dos checked a step's commit against git.
type StepVerified struct {
	Op       string   `json:"op"`
	RunID    string   `json:"run_id"`
	Schema   Schema   `json:"schema"`
	SHA      string   `json:"sha"`
	StepID   string   `json:"step_id"`
	TS       string   `json:"ts"`
	Verdicts []string `json:"verdicts"`
	Via      string   `json:"via"`
}

// Suspend records a resumable stop.
type Suspend struct {
	CheckpointTurn   *int     `json:"checkpoint_turn,omitempty"`
	Op               string   `json:"op"`
	Reason           string   `json:"reason"`
	Residual         []string `json:"residual,omitempty"`
	ResumeSHA        string   `json:"resume_sha"`
	RunID            string   `json:"run_id"`
	Schema           Schema   `json:"schema"`
	TranscriptDigest string   `json:"transcript_digest,omitempty"`
	TS               string   `json:"ts"`
}

// ResumeProposed records that a resume of the run was proposed.
type ResumeProposed struct {
	Op          string   `json:"op"`
	Predecessor string   `json:"predecessor_run_id"`
	Residual    []string `json:"residual,omitempty"`
	ResumeSHA   string   `json:"resume_sha"`
	RunID       string   `json:"run_id"`
	Schema      Schema   `json:"schema"`
	TS          string   `json:"ts"`
}

// Stamp is implemented by every writable record: the writer sets the
// ledger's run id and the time.
type Stamp interface {
	stamp(runID, ts string)
}

func (r *Intent) stamp(id, ts string) {
	r.Op, r.RunID, r.TS, r.Schema = OpIntent, id, ts, CurrentSchema()
}
func (r *StepClaimed) stamp(id, ts string) {
	r.Op, r.RunID, r.TS, r.Schema = OpStepClaimed, id, ts, CurrentSchema()
}
func (r *StepVerified) stamp(id, ts string) {
	r.Op, r.RunID, r.TS, r.Schema = OpStepVerified, id, ts, CurrentSchema()
}
func (r *Suspend) stamp(id, ts string) {
	r.Op, r.RunID, r.TS, r.Schema = OpSuspend, id, ts, CurrentSchema()
}
func (r *ResumeProposed) stamp(id, ts string) {
	r.Op, r.RunID, r.TS, r.Schema = OpResumeProposed, id, ts, CurrentSchema()
}

// Seal stamps rec with the ledger's run id (forced: a record always
// carries the id of the ledger it is in) and ts, its op and the schema.
// A record that already carries a ts keeps it.
func Seal(rec Stamp, runID, ts string) {
	if old := tsOf(rec); old != "" {
		ts = old
	}
	rec.stamp(runID, ts)
}

func tsOf(rec Stamp) string {
	switch r := rec.(type) {
	case *Intent:
		return r.TS
	case *StepClaimed:
		return r.TS
	case *StepVerified:
		return r.TS
	case *Suspend:
		return r.TS
	case *ResumeProposed:
		return r.TS
	}
	return ""
}
