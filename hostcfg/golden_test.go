package hostcfg

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/hook"
)

// DOS_UPDATE_GOLDEN=1 rewrites the golden files; a reviewer reads the diff.
var update = os.Getenv("DOS_UPDATE_GOLDEN") == "1"

// hostDirs maps each testdata folder to its host.
var hostDirs = map[string]Name{"claude": ClaudeCode, "codex": Codex, "gemini": Gemini, "cursor": Cursor, "antigravity": Antigravity}

// momentOf is the moment a fixture's hook was installed for, from the
// event name its file name starts with.
func momentOf(name string) hook.Moment {
	ev, _, _ := strings.Cut(name, "-")
	ev = strings.TrimSuffix(ev, ".json")
	switch ev {
	case "PreToolUse", "BeforeTool", "beforeShellExecution", "beforeMCPExecution", "beforeReadFile", "preToolUse":
		return hook.MomentPre
	case "PostToolUse", "AfterTool", "afterFileEdit", "afterShellExecution", "afterMCPExecution", "postToolUse":
		return hook.MomentPost
	case "Stop", "AfterAgent", "stop":
		return hook.MomentStop
	}
	return hook.MomentNone
}

// golden compares got (a JSON value, or nil for "nothing printed") with
// the file, as parsed JSON.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if update {
		out := []byte{}
		if got != nil {
			var buf bytes.Buffer
			if err := json.Indent(&buf, got, "", "  "); err != nil {
				t.Fatalf("%s: %v in %s", file, err, got)
			}
			out = append(buf.Bytes(), '\n')
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (DOS_UPDATE_GOLDEN=1 writes it)", err)
	}
	if len(bytes.TrimSpace(want)) == 0 || got == nil {
		if len(bytes.TrimSpace(want)) != 0 || got != nil {
			t.Errorf("%s: got %s, want %s", file, got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: output is not JSON: %v: %s", file, err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: golden is not JSON: %v", file, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", file, got, bytes.TrimSpace(want))
	}
}

// The normalisers, on the payloads the real hosts sent (Claude Code,
// Codex, Gemini CLI) and those transcribed from host-contracts.md (Cursor,
// Antigravity): each parses into the event the golden file holds.
func TestParseGolden(t *testing.T) {
	for dir, name := range hostDirs {
		h, _ := Lookup(string(name))
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "input", "*.json"))
		if len(files) == 0 {
			t.Fatalf("%s: no input fixtures", dir)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m := momentOf(filepath.Base(f))
			ev, ok := h.Parse(raw, m)
			if !ok {
				t.Errorf("%s: not parsed as a %v event", f, m)
				continue
			}
			if ev.Moment != m {
				t.Errorf("%s: moment %v, want %v", f, ev.Moment, m)
			}
			for _, other := range []hook.Moment{hook.MomentPre, hook.MomentPost, hook.MomentStop} {
				if _, ok := h.Parse(raw, other); ok && other != m && ev.HostEvent != "" {
					t.Errorf("%s: a %v event was also accepted by the %v hook", f, m, other)
				}
			}
			b, _ := json.Marshal(ev)
			golden(t, filepath.Join("testdata", dir, "event", filepath.Base(f)), b)
		}
	}
}

// What each host gets for allow, warn and deny at each moment.
func TestRenderGolden(t *testing.T) {
	decisions := map[string]hook.Decision{
		"allow": hook.Allowed,
		"warn":  {Action: hook.Warn, Reason: "C", Context: "C"},
		"deny":  {Action: hook.Deny, Reason: "R", Context: "C"},
	}
	for dir, name := range hostDirs {
		h, _ := Lookup(string(name))
		for _, m := range []hook.Moment{hook.MomentPre, hook.MomentPost, hook.MomentStop} {
			for an, d := range decisions {
				golden(t, filepath.Join("testdata", dir, "render", m.String()+"-"+an+".json"), h.Render(m, d))
			}
		}
	}
}

// Each real payload, decided in a checkout at /repo with dos's default
// protected files and rendered for its host: the exact bytes the hook
// would print.
func TestDecideGolden(t *testing.T) {
	pl := hook.Place{Root: "/repo", Home: "/home/user"}
	var protected []string
	for _, f := range append([]string{"dos.toml", ".dos/**", ".git/dos/**"}, ProjectFiles()...) {
		protected = append(protected, "/repo/"+f)
	}
	for dir, name := range hostDirs {
		h, _ := Lookup(string(name))
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "input", "*.json"))
		for _, f := range files {
			raw, _ := os.ReadFile(f)
			ev, ok := h.Parse(raw, momentOf(filepath.Base(f)))
			if !ok {
				continue
			}
			p := pl
			p.Cwd = ev.Cwd
			var d hook.Decision
			switch ev.Moment {
			case hook.MomentPre:
				d = hook.Pretool(hook.PreInput{Event: ev, Place: p, Protected: protected, Loop: true}).Decision
			case hook.MomentPost:
				// the same step twice before: the third is REPEATING
				var prior []hook.StreamRecord
				for range 2 {
					out := hook.Posttool(hook.PostInput{Event: ev, Prior: prior})
					prior = append(prior, *out.Append)
				}
				d = hook.Posttool(hook.PostInput{Event: ev, Prior: prior}).Decision
			case hook.MomentStop:
				var checks []hook.ClaimCheck
				for _, c := range hook.StopClaims(ev, ev.LastMessage, true) {
					checks = append(checks, hook.ClaimCheck{Claim: c, Line: "NOT_SHIPPED " + c.Plan + " " + c.Phase + " (via none)"})
				}
				d = hook.Stop(checks, true)
			}
			golden(t, filepath.Join("testdata", dir, "decide", filepath.Base(f)), h.Render(ev.Moment, d))
		}
	}
}
