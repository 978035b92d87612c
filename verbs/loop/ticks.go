package loop

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dispatchos/dos/call"
)

// cadence is how often and how many times a verb answers.
type cadence struct {
	// ticks is the number of answers; 0 is until interrupted.
	ticks    int64
	interval time.Duration
}

// newCadence reads --watch, --max-ticks and --interval: one answer by
// default, N with --max-ticks, until interrupted with --watch.
func newCadence(watch bool, maxTicks int64, interval float64) (cadence, error) {
	if maxTicks < 0 {
		return cadence{}, call.Usagef("--max-ticks must not be negative, got %d", maxTicks)
	}
	if interval < 0 || interval > 1e9 || interval != interval {
		return cadence{}, call.Usagef("--interval must be zero or more seconds, got %v", interval)
	}
	c := cadence{ticks: 1, interval: time.Duration(interval * float64(time.Second))}
	switch {
	case maxTicks > 0:
		c.ticks = maxTicks
	case watch:
		c.ticks = 0
	}
	return c, nil
}

// run calls tick until the cadence is spent or the process is interrupted
// (SIGINT, SIGTERM: a clean end, exit 0). Every answer but the last goes
// out through env.Emit as it is made; the last is returned. On a surface
// without Emit (MCP) there is exactly one tick.
func run[R any](ctx context.Context, env *call.Env, path string, c cadence, tick func(ctx context.Context, n int64) (*call.Reply[R], error)) (*call.Reply[R], error) {
	if env.Emit == nil {
		c.ticks = 1
	}
	if c.ticks != 1 {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	var last *call.Reply[R]
	for n := int64(1); c.ticks == 0 || n <= c.ticks; n++ {
		rep, err := tick(ctx, n)
		if err != nil {
			return nil, err
		}
		if c.ticks == 1 || n == c.ticks {
			return rep, nil
		}
		if _, err := call.EmitReply(env, path, rep); err != nil {
			return nil, err
		}
		last = rep
		last.Printed = true
		t := time.NewTimer(c.interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return last, nil
		case <-t.C:
		}
	}
	return last, nil
}
