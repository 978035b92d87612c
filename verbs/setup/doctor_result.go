package setup

import "github.com/dispatchos/dos/kernel/lint"

// DoctorResult is doctor's answer: the workspace dos reads and how.
type DoctorResult struct {
	Distribution    string             `json:"distribution"`
	DosVersion      string             `json:"dos_version"`
	Workspace       string             `json:"workspace"`
	StateRoot       string             `json:"state_root"`
	CheckoutRoot    string             `json:"checkout_root"`
	Git             bool               `json:"git"`
	Driver          string             `json:"driver"`
	Paths           DoctorPaths        `json:"paths"`
	Stamp           DoctorStamp        `json:"stamp"`
	Lanes           DoctorLanes        `json:"lanes"`
	OverlapPolicy   DoctorOverlap      `json:"overlap_policy"`
	Verifiability   lint.Verifiability `json:"verifiability"`
	EvidenceSources DoctorEvidence     `json:"evidence_sources"`
	ExitCodes       ExitCodeTable      `json:"exit_codes"`
	DotDos          DoctorDotDos       `json:"dot_dos"`
	// Fleet is the shared lease store [fleet] names (absent for the file
	// journal).
	Fleet *DoctorFleet `json:"fleet,omitempty"`
	// VerifyIndex describes the verify index cache (git workspaces only).
	VerifyIndex *DoctorIndex `json:"verify_index,omitempty"`
	// Findings lists what --check found (present only with --check).
	Findings []string `json:"findings,omitzero"`
}

// DoctorPaths are the resolved layout paths.
type DoctorPaths struct {
	Root           string `json:"root"`
	Style          string `json:"style"`
	ExecutionState string `json:"execution_state"`
	PlansGlob      string `json:"plans_glob"`
	NextPackets    string `json:"next_packets"`
	Runs           string `json:"runs"`
	LaneJournal    string `json:"lane_journal"`
	VerdictJournal string `json:"verdict_journal"`
}

// DoctorStamp is the stamp grammar in force.
type DoctorStamp struct {
	Style                  string   `json:"style"`
	SubjectDirs            []string `json:"subject_dirs"`
	SummaryBundlePrefixes  []string `json:"summary_bundle_prefixes"`
	BookkeepingPrefixes    []string `json:"bookkeeping_prefixes"`
	CodeDirs               []string `json:"code_dirs"`
	InfraBasenames         []string `json:"infra_basenames"`
	InfraDocBasenames      []string `json:"infra_doc_basenames"`
	ProgressMarkers        []string `json:"progress_markers"`
	SubPhaseParentFallback bool     `json:"sub_phase_parent_fallback"`
	TrailerStamp           bool     `json:"trailer_stamp"`
}

// DoctorLanes is the lane taxonomy in force.
type DoctorLanes struct {
	Concurrent []string            `json:"concurrent"`
	Exclusive  []string            `json:"exclusive"`
	Autopick   []string            `json:"autopick"`
	Trees      map[string][]string `json:"trees"`
}

// DoctorOverlap is the admission overlap policy.
type DoctorOverlap struct {
	Active    string   `json:"active"`
	Available []string `json:"available"`
	RatioMax  float64  `json:"ratio_max"`
}

// DoctorEvidence names the evidence each verb reads.
type DoctorEvidence struct {
	Verify string `json:"verify"`
}

// DoctorDotDos describes the .dos/ state directory.
type DoctorDotDos struct {
	Present        bool            `json:"present"`
	ConfigDeclared bool            `json:"config_declared"`
	ConfigPath     string          `json:"config_path"`
	Fossils        map[string]bool `json:"fossils"`
}

// DoctorIndex describes the verify index cache in the git directory.
type DoctorIndex struct {
	Dir   string `json:"dir"`
	Tips  int    `json:"tips"`
	Bytes int64  `json:"bytes"`
}
