package hook

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/truth"
)

// transcriptTail is how much of a transcript the stop hook reads: its
// last turns are at the end.
const transcriptTail = 8 << 20

// stop blocks an unverified "done" once (hooks decision 5): the claim
// comes from the host's inline last message, else from the transcript,
// and each claim is verified through truth, the path "dos verify" uses.
func (c *call) stop(ctx context.Context) (hook.Decision, error) {
	text := c.ev.LastMessage
	if !c.ev.HasLastMessage {
		p := c.r.Transcript
		if p == "" {
			p = c.ev.TranscriptPath
		}
		text = hook.TranscriptText(readTail(p, transcriptTail), c.r.LastTurns)
	}
	// Strict mode: --strict on the hook's command line, or [hooks]
	// strict_stop = true in dos.toml (one switch for every host's hook).
	strict := c.r.Strict || c.ws.Config.Hooks.StrictStop
	claims := hook.StopClaims(c.ev, text, strict)
	if plan, phase := strings.TrimSpace(c.r.Plan), strings.TrimSpace(c.r.Phase); plan != "" && phase != "" {
		claims = append([]hook.Claim{{Plan: plan, Phase: phase, Rung: "frontmatter", Raw: "--plan " + plan + " --phase " + phase, Confident: true}}, claims...)
	}
	if len(claims) == 0 {
		return hook.Allowed, nil
	}
	rd, err := truth.Open(ctx, c.ws, truth.Options{})
	if err != nil {
		c.r.debugf("cannot verify, stop allowed: %v", err)
		return hook.Allowed, nil
	}
	checks := make([]hook.ClaimCheck, 0, len(claims))
	for _, cl := range claims {
		v, err := rd.Verify(ctx, cl.Plan, cl.Phase)
		if err != nil {
			c.r.debugf("cannot verify %s %s: %v", cl.Plan, cl.Phase, err)
		}
		checks = append(checks, hook.ClaimCheck{Claim: cl, Shipped: v.Shipped, Line: v.Line(), Err: err})
	}
	return hook.Stop(checks, strict), nil
}

// readTail returns the last n bytes of a file, or nothing.
func readTail(path string, n int64) []byte {
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	off := max(0, fi.Size()-n)
	buf := make([]byte, fi.Size()-off)
	if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
		return nil
	}
	return buf
}
