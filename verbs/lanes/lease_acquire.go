package lanes

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
)

// LeaseAcquireArgs are the inputs of lease acquire.
type LeaseAcquireArgs struct {
	Owner         string  `name:"owner" pos:"0" required:"true" help:"who takes the archive lock"`
	Retries       int     `name:"retries" default:"5" help:"how many more times to try while the lock is held"`
	RetryInterval float64 `name:"retry-interval" default:"2" help:"seconds between tries"`
	TTLSeconds    int     `name:"ttl-seconds" default:"300" help:"a lock older than this is stale and may be stolen"`
}

// LeaseAcquire takes the workspace's archive lock.
var LeaseAcquire = call.Def{
	Path:  "lease acquire",
	Use:   "<owner>",
	Short: "Take the archive lock (serialises a host's index and commit ceremony)",
	Long: `USE THIS WHEN: a one-at-a-time ceremony (archiving, a release) must not run
twice at once across processes.

May I run the archive ceremony now? acquire takes the archive lock, a lock file
holding the owner, the time and the pid, which appears only complete (written
aside, then linked into place) and is changed only under an flock. The same owner
taking it again refreshes it ("re-entrant"); a lock older than --ttl-seconds is
stolen (exactly one of several stealers wins); a fresh lock held by someone else
is retried --retries times, --retry-interval seconds apart, then answered BUSY.
The archive lock is independent of the lane journal's lock.

On an etcd fleet ([fleet] backend = "etcd" in dos.toml) the lock lives in the
cluster, shared by every machine: --ttl-seconds is the TTL of its etcd lease,
counted by the server, so a lock is freed when its TTL passes and is never
stolen. A cluster that does not answer is exit 4, with nothing taken.

Exit 0 ACQUIRED, 1 BUSY, 4 LOCK_BUSY (the fleet's store did not answer), 2 bad
input.`,
	Example:  "  dos lease acquire archiver-1\n  dos lease acquire archiver-1 --retries 0",
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Acquired, &Busy, &LockBusy},
	Handler: &call.Typed[LeaseAcquireArgs, ArchiveLockResult]{Fn: func(ctx context.Context, env *call.Env, a *LeaseAcquireArgs) (*call.Reply[ArchiveLockResult], error) {
		if err := printable("owner", a.Owner, true); err != nil {
			return nil, err
		}
		if err := archiveNumbers(a.Retries, a.RetryInterval, a.TTLSeconds); err != nil {
			return nil, err
		}
		al, err := openArchive(env, true)
		if store.Down(err) {
			return archiveDown(a.Owner, err), nil
		}
		if err != nil {
			return nil, err
		}
		defer al.Close()
		ttl := time.Duration(a.TTLSeconds) * time.Second
		for try := 0; ; try++ {
			at, err := al.TryArchive(ctx, a.Owner, os.Getpid(), ttl)
			if al.shared && store.Down(err) {
				return archiveDown(a.Owner, err), nil
			}
			if err != nil {
				return nil, al.fail(err)
			}
			prev := holdBody(at.Prev)
			age := ageText(at.Prev.Age, at.Prev.AgeKnown)
			switch at.Action {
			case lease.ArchiveAcquire:
				return archiveResult(Acquired, "acquired", a.Owner, "acquired "+a.Owner, nil), nil
			case lease.ArchiveReenter:
				return archiveResult(Acquired, "re-entrant", a.Owner, fmt.Sprintf("re-entrant %s prev-acquired-at=%s", a.Owner, lease.Escape(prev.AcquiredAt)), prev), nil
			case lease.ArchiveSteal:
				return archiveResult(Acquired, "stole-stale", a.Owner, fmt.Sprintf("stole-stale %s age=%s", lease.Escape(prev.Owner), age), prev), nil
			}
			if try >= a.Retries {
				return archiveResult(Busy, "busy", a.Owner, fmt.Sprintf("busy %s age=%s", lease.Escape(prev.Owner), age), prev), nil
			}
			env.Warn(fmt.Sprintf("  waiting on %s (age=%s); retry %d/%d", lease.Escape(prev.Owner), age, try+1, a.Retries))
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(lease.Seconds(a.RetryInterval)):
			}
		}
	}},
}

// ArchiveLockResult is the answer of lease acquire and lease release: who
// asked, what happened (acquired, re-entrant, stole-stale, busy, released,
// no-lock, force-released, mismatch) and, when a lock was found, whose it was.
type ArchiveLockResult struct {
	Owner   string `json:"owner"`
	Outcome string `json:"outcome"`
	// ArchivePrev is the lock found in place; nil when there was none or
	// it played no part.
	*ArchivePrev
}

// OutputSchema marks the prev_* keys optional.
func (ArchiveLockResult) OutputShape() call.Shape {
	return shapeOptional[ArchiveLockResult]("prev_owner", "prev_acquired_at")
}

// ArchivePrev is the archive lock found in place.
type ArchivePrev struct {
	PrevOwner      string `json:"prev_owner"`
	PrevAcquiredAt string `json:"prev_acquired_at"`
}

// archiveDown is the exit-4 answer of a fleet store that did not answer:
// the archive lock was neither taken nor released.
func archiveDown(owner string, err error) *call.Reply[ArchiveLockResult] {
	r := downReply(ArchiveLockResult{Owner: owner, Outcome: "store-unavailable"}, err)
	r.Text = fmt.Sprintf("lease store unavailable: %v; the archive lock was not changed", err)
	r.Interpretation = "WAIT — the shared lease store did not answer; the archive lock was not changed. Retry, or check it with dos doctor."
	return r
}

// archiveResult is an archive-lock answer.
func archiveResult(verdict call.Verdict, how, owner, text string, prev *lock.Body) *call.Reply[ArchiveLockResult] {
	body := ArchiveLockResult{Owner: owner, Outcome: how}
	if prev != nil {
		body.ArchivePrev = &ArchivePrev{PrevOwner: prev.Owner, PrevAcquiredAt: prev.AcquiredAt}
	}
	return &call.Reply[ArchiveLockResult]{Verdict: verdict, Text: text, Body: body}
}

// archiveNumbers range-checks the archive lock's numbers, so a huge
// --ttl-seconds cannot wrap round to "every lock is stale".
func archiveNumbers(retries int, interval float64, ttlSeconds int) error {
	if retries < 0 || retries > 1_000_000 {
		return call.Usagef("--retries: want a whole number from 0 to 1000000, got %d", retries)
	}
	if err := lease.CheckWait(interval, lease.MaxWaitSeconds); err != nil {
		return call.Usagef("--retry-interval: %v", err)
	}
	return checkTTLSeconds(ttlSeconds)
}

// checkTTLSeconds bounds --ttl-seconds: above 0, at most a year.
func checkTTLSeconds(n int) error {
	if n <= 0 || n > lease.MaxTTLMinutes*60 {
		return call.Usagef("--ttl-seconds: want a whole number from 1 to %d (a year), got %d", lease.MaxTTLMinutes*60, n)
	}
	return nil
}
