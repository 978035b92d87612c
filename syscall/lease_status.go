package syscall

import (
	"context"
	"fmt"
	"time"
)

// LeaseStatusArgs are the inputs of lease status.
type LeaseStatusArgs struct {
	TTLSeconds int `name:"ttl-seconds" default:"300" help:"a lock older than this is reported stale"`
}

// LeaseStatus reports who holds the archive lock.
var LeaseStatus = New(Def{
	Path:  "lease status",
	Short: "Say whether the archive lock is free, held or stale",
	Long: `Who holds the archive lock? status prints "free", "held <owner> age=<n>s" or
"stale <owner> age=<n>s" (older than --ttl-seconds; "?s" when its stamp is
unreadable). It takes no owner and always exits 0.`,
	Example:  "  dos lease status",
	Toolset:  Ops,
	Class:    ReadOnly,
	Surfaces: CLI | MCP,
	Verdicts: []Verdict{{"FREE", 0}, {"HELD", 0}, {"STALE", 0}},
}, func(ctx context.Context, env *Env, a *LeaseStatusArgs) (*Result, error) {
	e, err := archiveLock(env, false)
	if err != nil {
		return nil, err
	}
	b, ok, err := e.Read()
	if err != nil {
		return nil, fmt.Errorf("archive lock %s: %w", e.Path, err)
	}
	if !ok {
		return &Result{Verdict: "FREE", Text: "free", Data: map[string]any{"state": "free"}}, nil
	}
	age, known := lockAge(b, env.Now())
	state := "held"
	if known && age > time.Duration(a.TTLSeconds)*time.Second {
		state = "stale"
	}
	data := map[string]any{"state": state, "owner": b.Owner, "acquired_at": b.AcquiredAt, "pid": b.PID, "age_s": nil}
	if known {
		data["age_s"] = int64(age.Seconds())
	}
	verdict := map[string]string{"held": "HELD", "stale": "STALE"}[state]
	return &Result{Verdict: verdict, Text: fmt.Sprintf("%s %s age=%s", state, b.Owner, ageText(age, known)), Data: data}, nil
})
