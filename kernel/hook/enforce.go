package hook

// OpEnforce is the lane journal operation a pretool deny or warn appends.
// It never changes lease state on replay.
const OpEnforce = "ENFORCE"

// The interventions an ENFORCE record names.
const (
	InterventionBlock = "BLOCK"
	InterventionWarn  = "WARN"
)

// Proposal is the decision as an ENFORCE record nests it.
type Proposal struct {
	Decision     string `json:"decision"`
	DispatchCall bool   `json:"dispatch_call"`
	Handler      string `json:"handler"`
	Intervention string `json:"intervention"`
	Reason       string `json:"reason"`
	ReasonClass  string `json:"reason_class"`
	Rung         string `json:"rung"`
}

// EnforceRecord is the lane journal's OP_ENFORCE line, in the reference's
// on-disk format. seq and ts are stamped by the journal writer.
type EnforceRecord struct {
	DispatchCall bool     `json:"dispatch_call"`
	Handler      string   `json:"handler"`
	Holder       string   `json:"holder"`
	HostID       string   `json:"host_id"`
	Intervention string   `json:"intervention"`
	Lane         string   `json:"lane"`
	LoopTS       string   `json:"loop_ts"`
	Op           string   `json:"op"`
	Proposal     Proposal `json:"proposal"`
	Reason       string   `json:"reason"`
	ReasonClass  string   `json:"reason_class"`
	RunID        string   `json:"run_id"`
	Tool         string   `json:"tool"`
	Withheld     bool     `json:"withheld"`
	// Targets are the call's checkout-relative write targets (ours; the
	// reference has no such field).
	Targets []string `json:"targets,omitempty"`
	// Dialect is the host whose call this was (ours).
	Dialect string `json:"dialect,omitempty"`
}

// Stamp identifies who appends the record.
type Stamp struct {
	HostID, LoopTS, RunID, Dialect string
}

// Enforce builds the ENFORCE record of a pretool outcome; ok is false for
// an allow, which is never journaled.
func Enforce(ev Event, out PreOutcome, st Stamp) (EnforceRecord, bool) {
	d := out.Decision
	if d.Action == Allow {
		return EnforceRecord{}, false
	}
	iv := InterventionWarn
	if d.Action == Deny {
		iv = InterventionBlock
	}
	reason := d.Reason
	if reason == "" {
		reason = d.Class
	}
	if reason == "" {
		reason = string(d.Rung)
	}
	lane := string(ev.Tool)
	if lane == "" {
		lane = "tool"
	}
	return EnforceRecord{
		DispatchCall: d.Action != Deny,
		Handler:      string(d.Rung),
		Holder:       ev.SessionKey,
		HostID:       st.HostID,
		Intervention: iv,
		Lane:         lane,
		LoopTS:       st.LoopTS,
		Op:           OpEnforce,
		Proposal: Proposal{Decision: d.Action.String(), DispatchCall: d.Action != Deny, Handler: string(d.Rung),
			Intervention: iv, Reason: reason, ReasonClass: d.Class, Rung: string(d.Rung)},
		Reason:      reason,
		ReasonClass: d.Class,
		RunID:       st.RunID,
		Tool:        ev.HostTool,
		Withheld:    d.Action == Deny,
		Targets:     out.Tree,
		Dialect:     st.Dialect,
	}, true
}
