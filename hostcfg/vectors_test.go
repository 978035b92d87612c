package hostcfg

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/vectors"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
)

func strictDecode(t *testing.T, line []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("vector %s: %v", line[:min(len(line), 80)], err)
	}
}

// shape lists an object's keys, recursively, so two payloads can be
// compared field by field while their wording differs (vectors README).
func shape(v any, prefix string, out *[]string) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for k, x := range m {
		*out = append(*out, prefix+k)
		shape(x, prefix+k+".", out)
	}
	sort.Strings(*out)
}

func sameShape(t *testing.T, name string, got []byte, want string) (g, w map[string]any) {
	t.Helper()
	if want == "" || got == nil {
		if want != "" || got != nil {
			t.Errorf("%s: got %s, want %q", name, got, want)
		}
		return nil, nil
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var gs, ws []string
	shape(g, "", &gs)
	shape(w, "", &ws)
	if strings.Join(gs, " ") != strings.Join(ws, " ") {
		t.Errorf("%s: fields %v, want %v", name, gs, ws)
	}
	return g, w
}

type pretoolVector struct {
	Name           string          `json:"name"`
	Event          json.RawMessage `json:"event"`
	Leases         []lease.Lease   `json:"leases"`
	RuntimeFiles   []string        `json:"runtime_files"`
	ExpectedStdout string          `json:"expected_stdout"`
	Decision       string          `json:"decision"`
}

// classOf reads the reason class out of the reference's reason text.
func classOf(reason string) string {
	switch {
	case strings.Contains(reason, "SELF_MODIFY"):
		return reasons.SelfModify
	case strings.Contains(reason, "exact-glob"):
		return reasons.ExactGlob
	case strings.Contains(reason, "overlap too large"):
		return reasons.Overlap
	case strings.Contains(reason, "EMPTY tree"):
		return reasons.EmptyTree
	}
	return ""
}

// The reference's pretool corpus (loop mode, Claude Code dialect), replayed
// with ratio_max 1/3 (vectors README): the decision, the payload's fields
// and the reason class match; the runtime files are [self_modify] protect.
func TestPretoolVectors(t *testing.T) {
	lines := vectors.Lines(t, "hook/corpus.jsonl")
	for _, line := range lines {
		var v pretoolVector
		strictDecode(t, line, &v)
		ev, ok := claudeHost.Parse(v.Event, hook.MomentPre)
		d := hook.Allowed
		if ok {
			cwd := ev.Cwd
			var protected []string
			for _, f := range v.RuntimeFiles {
				protected = append(protected, cwd+"/"+f)
			}
			d = hook.Pretool(hook.PreInput{Event: ev, Place: hook.Place{Root: cwd, Cwd: cwd}, Protected: protected,
				Leases: v.Leases, Self: hook.Self{Session: ev.SessionKey}, Loop: true, RatioMax: 1.0 / 3}).Decision
		}
		want := map[string]hook.Action{"deny": hook.Deny, "warn": hook.Warn, "passthrough": hook.Allow}[v.Decision]
		if d.Action != want {
			t.Errorf("%s: %v (%s), want %s", v.Name, d.Action, d.Reason, v.Decision)
			continue
		}
		g, w := sameShape(t, v.Name, claudeHost.Render(hook.MomentPre, d), v.ExpectedStdout)
		if w == nil {
			continue
		}
		wh, gh := w["hookSpecificOutput"].(map[string]any), g["hookSpecificOutput"].(map[string]any)
		if wh["permissionDecision"] != gh["permissionDecision"] || wh["hookEventName"] != gh["hookEventName"] {
			t.Errorf("%s: %v, want %v", v.Name, gh, wh)
		}
		text, _ := wh["permissionDecisionReason"].(string)
		if text == "" {
			text, _ = wh["additionalContext"].(string)
		}
		if c := classOf(text); c != d.Class {
			t.Errorf("%s: class %q, want %q", v.Name, d.Class, c)
		}
	}
	if len(lines) != 25 {
		t.Errorf("%d pretool vectors, want 25", len(lines))
	}
}

type posttoolVector struct {
	Name  string `json:"name"`
	Steps []struct {
		Event          json.RawMessage `json:"event"`
		ExpectedStdout string          `json:"expected_stdout"`
	} `json:"steps"`
}

var digestRe = regexp.MustCompile(`digest ([0-9a-f]{16})`)

// The reference's posttool corpus, each case on a fresh stream.
func TestPosttoolVectors(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, line := range vectors.Lines(t, "hook/corpus_posttool.jsonl") {
		var v posttoolVector
		strictDecode(t, line, &v)
		var prior []hook.StreamRecord
		for i, s := range v.Steps {
			d := hook.Allowed
			if ev, ok := claudeHost.Parse(s.Event, hook.MomentPost); ok {
				out := hook.Posttool(hook.PostInput{Event: ev, Prior: prior, Policy: hook.DefaultStreamPolicy, Now: now})
				if out.Append != nil {
					prior = append(prior, *out.Append)
				}
				d = out.Decision
			}
			name := v.Name + "/" + string(rune('0'+i))
			g, w := sameShape(t, name, claudeHost.Render(hook.MomentPost, d), s.ExpectedStdout)
			if w == nil {
				continue
			}
			wc := w["hookSpecificOutput"].(map[string]any)["additionalContext"].(string)
			gc := g["hookSpecificOutput"].(map[string]any)["additionalContext"].(string)
			for _, word := range []string{"REPEATING", "STALLED"} {
				if strings.Contains(wc, word) != strings.Contains(gc, word) {
					t.Errorf("%s: %q, want %s as in %q", name, gc, word, wc)
				}
			}
			if m := digestRe.FindStringSubmatch(wc); m == nil || !strings.Contains(gc, m[1]) {
				t.Errorf("%s: digest differs: %q vs %q", name, gc, wc)
			}
		}
	}
}

type markerVector struct {
	Name  string `json:"name"`
	Steps []struct {
		PriorCount     int    `json:"prior_count"`
		MaxMarkers     int    `json:"max_markers"`
		ExpectedAllow  bool   `json:"expected_allow"`
		ExpectedCarry  int    `json:"expected_carry"`
		ExpectedReason string `json:"expected_reason"`
		ExpectedStdout string `json:"expected_stdout"`
	} `json:"steps"`
}

// The reference's marker corpus: the budget and the stop payload.
func TestMarkerVectors(t *testing.T) {
	for _, line := range vectors.Lines(t, "hook/corpus_marker.jsonl") {
		var v markerVector
		strictDecode(t, line, &v)
		for i, s := range v.Steps {
			out := hook.Marker(s.PriorCount, s.MaxMarkers, time.Time{}, "")
			name := v.Name + "/" + string(rune('0'+i))
			if out.Hold != s.ExpectedAllow || out.Carry != s.ExpectedCarry {
				t.Errorf("%s: hold %v carry %d, want %v %d", name, out.Hold, out.Carry, s.ExpectedAllow, s.ExpectedCarry)
			}
			if s.ExpectedAllow && !strings.HasPrefix(s.ExpectedReason, out.Reason) {
				t.Errorf("%s: reason %q, want %q", name, out.Reason, s.ExpectedReason)
			}
			g, _ := sameShape(t, name, claudeHost.Render(hook.MomentStop, out.Decision), s.ExpectedStdout)
			if g != nil && g["decision"] != "block" {
				t.Errorf("%s: %v", name, g)
			}
		}
	}
}
