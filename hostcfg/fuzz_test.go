package hostcfg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/kernel/hook"
)

// fuzzParse checks one normaliser: it never panics, anything that is not
// a JSON object is no event, and an event it returns renders for every
// decision without panicking.
func fuzzParse(f *testing.F, h *Host, dir string) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "input", "*.json"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0))
		}
	}
	for _, s := range []string{"", "null", "[]", "{", `"x"`, "{}", `{"tool_name":1}`, `{"tool_input":"{\"a\":"}`} {
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, raw []byte, mi uint8) {
		m := []hook.Moment{hook.MomentPre, hook.MomentPost, hook.MomentStop}[int(mi)%3]
		ev, ok := h.Parse(raw, m)
		var v any
		isObj := json.Unmarshal(raw, &v) == nil
		if _, obj := v.(map[string]any); !obj {
			isObj = false
		}
		if ok && !isObj {
			t.Fatalf("%q (not a JSON object) parsed as %+v", raw, ev)
		}
		if !ok {
			return
		}
		if ev.Moment != m {
			t.Fatalf("moment %v for a %v hook", ev.Moment, m)
		}
		if m != hook.MomentStop && (ev.Tool == "" || ev.Input == nil) {
			t.Fatalf("tool event without a tool: %+v", ev)
		}
		for _, d := range []hook.Decision{hook.Allowed, {Action: hook.Warn, Context: "c"}, {Action: hook.Deny, Reason: "r"}} {
			if out := h.Render(m, d); out != nil && !json.Valid(out) {
				t.Fatalf("render is not JSON: %s", out)
			}
		}
		hook.FootprintOf(ev)
	})
}

func FuzzParseClaude(f *testing.F)      { fuzzParse(f, claudeHost, "claude") }
func FuzzParseCodex(f *testing.F)       { fuzzParse(f, codexHost, "codex") }
func FuzzParseGemini(f *testing.F)      { fuzzParse(f, geminiHost, "gemini") }
func FuzzParseCursor(f *testing.F)      { fuzzParse(f, cursorHost, "cursor") }
func FuzzParseAntigravity(f *testing.F) { fuzzParse(f, antigravityHost, "antigravity") }
