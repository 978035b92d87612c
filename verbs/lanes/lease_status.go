package lanes

import (
	"context"
	"fmt"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
)

// LeaseStatusArgs are the inputs of lease status.
type LeaseStatusArgs struct {
	TTLSeconds int `name:"ttl-seconds" default:"300" help:"a lock older than this is reported stale"`
}

// LeaseStatusResult is lease status's answer: state free, held or stale,
// and for a lock in place its holder.
type LeaseStatusResult struct {
	State string `json:"state"`
	// ArchiveHolder is nil when the lock is free.
	*ArchiveHolder
}

// OutputSchema marks the holder's keys optional (absent when free).
func (LeaseStatusResult) OutputShape() call.Shape {
	return shapeOptional[LeaseStatusResult]("owner", "acquired_at", "pid", "age_s")
}

// ArchiveHolder is what the archive lock file says.
type ArchiveHolder struct {
	Owner      string `json:"owner"`
	AcquiredAt string `json:"acquired_at"`
	PID        int    `json:"pid"`
	// AgeS is the lock's age in whole seconds; null when its stamp is
	// unreadable.
	AgeS *int64 `json:"age_s"`
}

// LeaseStatus reports who holds the archive lock.
var LeaseStatus = call.Def{
	Path:  "lease status",
	Short: "Say whether the archive lock is free, held or stale",
	Long: `USE THIS WHEN: you need to know whether the archive lock is free, held or stale
before starting a one-at-a-time ceremony.

Who holds the archive lock? status prints "free", "held <owner> age=<n>s" or
"stale <owner> age=<n>s" (older than --ttl-seconds; "?s" when its stamp is
unreadable). It takes no owner and exits 0.

On an etcd fleet ([fleet] in dos.toml) it reads the cluster's lock, which is
never stale (the server frees it when its TTL passes); a cluster that does not
answer is an error naming its endpoints (exit 2).`,
	Example:  "  dos lease status",
	Toolset:  call.Spine,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Free, &Held, &Stale},
	Handler: &call.Typed[LeaseStatusArgs, LeaseStatusResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseStatusArgs) (*call.Reply[LeaseStatusResult], error) {
		if err := checkTTLSeconds(a.TTLSeconds); err != nil {
			return nil, err
		}
		al, err := openArchive(env, false)
		if err != nil {
			return nil, err
		}
		defer al.Close()
		h, ok, err := al.ReadArchive(ctx)
		if err != nil {
			return nil, al.fail(err)
		}
		if !ok {
			return &call.Reply[LeaseStatusResult]{Verdict: Free, Text: "free", Body: LeaseStatusResult{State: "free"}}, nil
		}
		// A lock whose stamp cannot be read is aged by its file time (it is
		// stale once that is past the ttl) and shown as "?s". A fleet's lock
		// is never stale: the server frees it when its own TTL passes.
		age, known := h.Age, h.AgeKnown
		state, verdict := "held", Held
		if !al.shared && age > time.Duration(a.TTLSeconds)*time.Second {
			state, verdict = "stale", Stale
		}
		holder := &ArchiveHolder{Owner: h.Owner, AcquiredAt: h.AcquiredAt, PID: h.PID}
		if known {
			s := int64(age.Seconds())
			holder.AgeS = &s
		}
		return &call.Reply[LeaseStatusResult]{Verdict: verdict, Text: fmt.Sprintf("%s %s age=%s", state, lease.Escape(h.Owner), ageText(age, known)),
			Body: LeaseStatusResult{State: state, ArchiveHolder: holder}}, nil
	}},
}
