package hook

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"
)

// In-process cost of one hook call after start-up (bench/hook times whole
// processes).
func BenchmarkPretool(b *testing.B) {
	dir := repo(b)
	acquire(b, dir, "other-agent", "docs", "docs/**")
	for _, bc := range []struct{ name, payload string }{
		{"read", `{"hook_event_name":"PreToolUse","session_id":"s","cwd":"` + dir + `","tool_name":"Read","tool_input":{"file_path":"` + dir + `/a"}}`},
		{"edit", `{"hook_event_name":"PreToolUse","session_id":"s","cwd":"` + dir + `","tool_name":"Edit","tool_input":{"file_path":"` + dir + `/src/a.go"}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				r := ParseArgs([]string{"pretool", "--workspace", dir})
				r.Stdin, r.Stdout, r.Getenv, r.Now = bytes.NewReader([]byte(bc.payload)), io.Discard, env{"DOS_LOOP": "1"}.get, func() time.Time { return now }
				Run(context.Background(), r)
			}
		})
	}
}
