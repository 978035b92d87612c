package runs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/state/ledger"
	"github.com/dispatchos/dos/workspace"
)

// Environment variables a run id defaults from, in order.
var runIDEnv = []string{"CID_RUN_ID", "DISPATCH_RUN_ID"}

// runID is the run id a verb acts on: the given one, else $CID_RUN_ID,
// else $DISPATCH_RUN_ID (the reference takes no default). It must be a
// valid run-id token, since it names a directory.
func runID(env *call.Env, given string) (string, error) {
	id := strings.TrimSpace(given)
	if id == "" {
		for _, k := range runIDEnv {
			if v := strings.TrimSpace(env.Getenv(k)); v != "" {
				id = v
				break
			}
		}
	}
	if id == "" {
		return "", &call.UsageError{Msg: "a run id is required",
			Hints: []string{"pass --run-id RID-..., or set CID_RUN_ID; mint one with 'dos run-id mint <process>'"}}
	}
	if !ledger.ValidRunID(id) {
		return "", &call.UsageError{Msg: fmt.Sprintf("'%s' is not a valid run-id token (RID- and 15 characters of 0-9 A-Z without I, L, O, U)", id),
			Hints: []string{"mint one with 'dos run-id mint <process>'"}}
	}
	return id, nil
}

// millis reads an optional whole number of milliseconds: "" is absent; a
// negative or non-numeric value is a usage error.
func millis(flag, s string) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, call.Usagef("--%s wants a whole number of milliseconds, got %q", flag, s)
	}
	if n < 0 {
		return nil, call.Usagef("--%s must be zero or more milliseconds, got %d", flag, n)
	}
	return &n, nil
}

// nowMillis is --now-ms, else the clock, read once.
func nowMillis(env *call.Env, s string) (int64, error) {
	v, err := millis("now-ms", s)
	if err != nil || v != nil {
		if v == nil {
			return 0, err
		}
		return *v, nil
	}
	return env.Now().UnixMilli(), nil
}

// livenessPolicy is dos.toml [liveness] with --grace-ms/--spin-ms over it.
func livenessPolicy(ws *workspace.Workspace, grace, spin string, strict bool) (liveness.Policy, error) {
	p := liveness.Policy{GraceMS: ws.Config.Liveness.GraceMS, SpinMS: ws.Config.Liveness.SpinMS, Strict: strict}
	g, err := millis("grace-ms", grace)
	if err != nil {
		return p, err
	}
	s, err := millis("spin-ms", spin)
	if err != nil {
		return p, err
	}
	if g != nil {
		p.GraceMS = *g
	}
	if s != nil {
		p.SpinMS = *s
	}
	return p, nil
}

// ledgerOf is the intent ledger of run id in ws.
func ledgerOf(ws *workspace.Workspace, id string) (*ledger.Ledger, error) {
	return ledger.At(ws.Config.Paths.FanoutRuns, id)
}

// verdictOf maps a liveness verdict to its declared word.
func verdictOf(v liveness.Verdict) call.Verdict {
	switch v {
	case liveness.Advancing:
		return Advancing
	case liveness.Spinning:
		return Spinning
	case liveness.Stalled:
		return Stalled
	}
	return LivenessUnknown
}

// pickRunID merges a verb's positional run id with its --run-id flag: either
// may be given, but two different ones are a usage error.
func pickRunID(pos, flag string) (string, error) {
	if pos == "" {
		return flag, nil
	}
	if flag != "" && flag != pos {
		return "", call.Usagef("two different run ids: %s and --run-id %s", pos, flag)
	}
	return pos, nil
}

// livenessFrame is what a liveness judgement needs before any evidence is
// read; q has RunStartedMS, NowMS and HeartbeatAgeMS filled in.
type livenessFrame struct {
	id  string
	ws  *workspace.Workspace
	pol liveness.Policy
	q   LivenessQuery
}

// newLivenessFrame resolves the run id, the clock (--now-ms), the heartbeat
// override (--last-heartbeat-age-ms), the workspace and the policy, in the
// order their usage errors are reported.
func newLivenessFrame(env *call.Env, run, nowMS, ageMS, grace, spin string, strict bool) (livenessFrame, error) {
	var f livenessFrame
	id, err := runID(env, run)
	if err != nil {
		return f, err
	}
	started, _ := runid.Parse(id)
	now, err := nowMillis(env, nowMS)
	if err != nil {
		return f, err
	}
	override, err := millis("last-heartbeat-age-ms", ageMS)
	if err != nil {
		return f, err
	}
	ws, err := env.Workspace()
	if err != nil {
		return f, err
	}
	pol, err := livenessPolicy(ws, grace, spin, strict)
	if err != nil {
		return f, err
	}
	return livenessFrame{id: id, ws: ws, pol: pol,
		q: LivenessQuery{RunStartedMS: started.UnixMilli(), NowMS: now, HeartbeatAgeMS: override}}, nil
}
