package admission

// Outcomes of a decision.
const (
	Acquire = "acquire"
	Refuse  = "refuse"
)

// Request kinds (the --kind flag). An exclusive lane's name is also a kind.
const (
	KindCluster = "cluster"
	KindKeyword = "keyword"
	KindGlobal  = "global"
)

// Request is one ask for a lane.
type Request struct {
	// Lane is the requested lane; "" asks the arbiter to pick one.
	Lane string
	// Kind is "", "cluster", "keyword", "global" or an exclusive lane name.
	// Empty means the lane's declared kind. Validate it with [ValidKind].
	Kind string
	// Tree overrides the lane's declared tree when non-empty.
	Tree []string
	// Owner is the asking holder; live leases with the same holder are
	// the asker's own and never block it. Empty matches nobody.
	Owner string
	// Auto lets the arbiter hand out another lane of the cluster when the
	// named one is busy or refused (the auto-pick ladder). Without it a
	// named lane is granted or refused, never swapped. A bare request
	// (Lane "") always auto-picks.
	Auto bool
	// Exact refuses instead of auto-picking; it overrides Auto.
	Exact bool
	// Force grants the named lane over any refusal except a live
	// exclusive lane (operator override).
	Force bool
}

// Taxonomy is the lane taxonomy, converted by the caller from dos.toml.
type Taxonomy struct {
	Concurrent []string
	Exclusive  []string
	Autopick   []string
	Trees      map[string][]string
	Aliases    map[string]string
	// Uncertified names the lanes whose declared tree cannot be compared,
	// with why (a tree that reaches outside the repository through a
	// symbolic link, found by the caller on the file system). They are
	// never granted.
	Uncertified map[string]string
}

// Policy is the admission policy.
type Policy struct {
	// RatioMax is the share of a requested tree that may collide with a
	// live tree; 0 refuses any shared prefix; capped at tree.FloorRatio.
	RatioMax float64
	// Protect lists the [self_modify] protect paths that exist in the
	// workspace (the caller filters by existence).
	Protect []string
	// Budgets caps the live leases per lane kind ([[concurrency_class]]
	// and --class-budget): a kind at its cap admits no more; 0 admits
	// none. A kind not listed is unlimited. Keys are compared case-folded.
	Budgets map[string]int
}

// Conflict names one live lease that refused a candidate lane.
type Conflict struct {
	Candidate   string `json:"candidate"`
	Lane        string `json:"lane"`
	LaneKind    string `json:"lane_kind"`
	LoopTS      string `json:"loop_ts,omitempty"`
	Holder      string `json:"holder,omitempty"`
	ReasonClass string `json:"reason_class"`
	Reason      string `json:"reason"`
}

// Decision is the arbiter's answer. The first eight JSON keys are the
// reference's arbitrate output (a compatibility contract); a refusal has
// lane "", lane_kind "", tree [] and auto_picked false, and echoes the
// request in the requested_* keys. A caller that persists an acquire must
// journal it durably before anyone sees the decision.
type Decision struct {
	Outcome      string   `json:"outcome"`
	Lane         string   `json:"lane"`
	LaneKind     string   `json:"lane_kind"`
	Tree         []string `json:"tree"`
	AutoPicked   bool     `json:"auto_picked"`
	FreeClusters []string `json:"free_clusters"`
	PickCount    *int     `json:"pick_count"`
	Reason       string   `json:"reason"`

	// ReasonClass is the refusal's registry token; empty on acquire.
	ReasonClass string `json:"reason_class,omitempty"`
	// Forced marks an acquire granted by --force.
	Forced bool `json:"forced,omitempty"`
	// RequestedLane, RequestedKind and RequestedTree echo the request
	// (the lane after alias resolution).
	RequestedLane string   `json:"requested_lane"`
	RequestedKind string   `json:"requested_kind"`
	RequestedTree []string `json:"requested_tree"`
	// FreeLanes lists, on the refusal of a named lane, the lanes of its
	// cluster that could be granted now.
	FreeLanes []string `json:"free_lanes,omitempty"`
	// KnownLanes lists the workspace's lanes on an UNKNOWN_LANE refusal.
	KnownLanes []string `json:"known_lanes,omitempty"`
	// Conflicts lists the live leases behind a predicate refusal.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Granted reports whether the decision is an acquire.
func (d Decision) Granted() bool { return d.Outcome == Acquire }
