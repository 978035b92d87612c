package mcp_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// raw is a dos-mcp process spoken to in raw JSON-RPC lines, for the
// handshake itself and for the bytes a host receives.
type raw struct {
	t      *testing.T
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *syncBuffer
}

func startRaw(t *testing.T, dir string, args ...string) *raw {
	t.Helper()
	cmd := exec.Command(filepath.Join(bins(t), "dos-mcp"), args...)
	cmd.Dir, cmd.Env = dir, cleanEnv()
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("dos-mcp exited with %v after stdin closed\n%s", err, stderr)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Errorf("dos-mcp did not exit when stdin closed")
		}
	})
	return &raw{t: t, in: in, out: bufio.NewReader(out), stderr: stderr}
}

// send writes one message.
func (r *raw) send(msg map[string]any) {
	r.t.Helper()
	msg["jsonrpc"] = "2.0"
	b, _ := json.Marshal(msg)
	if _, err := r.in.Write(append(b, '\n')); err != nil {
		r.t.Fatal(err)
	}
}

// request sends a request and returns its response, which must arrive as
// one line of JSON within 20 seconds. Every line on stdout must be a
// JSON-RPC message.
func (r *raw) request(id int, method string, params any) map[string]any {
	r.t.Helper()
	r.send(map[string]any{"id": id, "method": method, "params": params})
	lines := make(chan string, 1)
	go func() {
		for {
			line, err := r.out.ReadString('\n')
			if err != nil {
				close(lines)
				return
			}
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) != nil || m["jsonrpc"] != "2.0" {
				r.t.Errorf("stdout carried a line that is not JSON-RPC: %q", line)
				continue
			}
			if m["id"] == float64(id) {
				lines <- line
				return
			}
		}
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			r.t.Fatalf("%s: stdout closed\n%s", method, r.stderr)
		}
		var m map[string]any
		json.Unmarshal([]byte(line), &m)
		return m
	case <-time.After(20 * time.Second):
		r.t.Fatalf("%s: no answer\n%s", method, r.stderr)
	}
	return nil
}

// MCP 6 (issue): the initialize handshake at both protocol versions the
// hosts speak today, then the session works; an unknown version is
// answered with the newest handshake version.
func TestInitializeTranscripts(t *testing.T) {
	repo := authRepo(t)
	wantVersion := strings.TrimSpace(strings.TrimPrefix(runCmd(t, repo, nil, "dos-mcp", "--version"), "dos-mcp "))
	for _, tc := range []struct{ ask, want string }{
		{"2025-06-18", "2025-06-18"},
		{"2025-11-25", "2025-11-25"},
		{"2024-11-05", "2024-11-05"},
		{"1999-01-01", "2025-11-25"},
	} {
		t.Run(tc.ask, func(t *testing.T) {
			r := startRaw(t, repo)
			init := r.request(1, "initialize", map[string]any{
				"protocolVersion": tc.ask, "capabilities": map[string]any{},
				"clientInfo": map[string]any{"name": "transcript", "version": "1"},
			})
			res, _ := init["result"].(map[string]any)
			if res == nil {
				t.Fatalf("initialize: %v", init)
			}
			info, _ := res["serverInfo"].(map[string]any)
			caps, _ := res["capabilities"].(map[string]any)
			instr, _ := res["instructions"].(string)
			if res["protocolVersion"] != tc.want || info["name"] != "dos" || info["version"] != wantVersion ||
				caps["tools"] == nil || caps["resources"] == nil || caps["prompts"] == nil ||
				!strings.Contains(instr, "workspace") || !strings.Contains(instr, "DISPATCH_WORKSPACE") {
				t.Errorf("initialize at %s: %v", tc.ask, res)
			}
			r.send(map[string]any{"method": "notifications/initialized"})
			if p := r.request(2, "ping", map[string]any{}); p["result"] == nil {
				t.Errorf("ping: %v", p)
			}
			list := r.request(3, "tools/list", map[string]any{})
			tools, _ := list["result"].(map[string]any)["tools"].([]any)
			if len(tools) == 0 {
				t.Fatalf("tools/list: %v", list)
			}
			call := r.request(4, "tools/call", map[string]any{"name": "dos_verify", "arguments": map[string]any{"plan": "AUTH", "phase": "AUTH1"}})
			cr, _ := call["result"].(map[string]any)
			sc, _ := cr["structuredContent"].(map[string]any)
			if sc["shipped"] != true || cr["isError"] == true {
				t.Errorf("tools/call: %v", call)
			}
			// An unknown tool is a protocol error, and the server goes on.
			if u := r.request(5, "tools/call", map[string]any{"name": "dos_nope", "arguments": map[string]any{}}); u["error"] == nil {
				t.Errorf("unknown tool: %v", u)
			}
			if p := r.request(6, "ping", map[string]any{}); p["result"] == nil {
				t.Errorf("ping after an unknown tool: %v", p)
			}
		})
	}
}

// The go-sdk client asks for the newest protocol first (server/discover,
// 2026-07-28) and falls back to the handshake; either way the session
// works. The version it lands on is the one the README names.
func TestNegotiatedVersion(t *testing.T) {
	repo := authRepo(t)
	s := start(t, "dos-mcp", repo, nil)
	got := s.InitializeResult().ProtocolVersion
	if got != "2026-07-28" {
		t.Errorf("go-sdk v1.8 negotiated %q with dos-mcp; the README says 2026-07-28", got)
	}
	if object(t, s.call(t, "dos_verify", map[string]any{"plan": "AUTH", "phase": "AUTH1"}))["shipped"] != true {
		t.Error("dos_verify over the negotiated version")
	}
	for _, v := range []string{"2025-06-18", "2025-11-25"} {
		client := sdk.NewClient(&sdk.Implementation{Name: "dos-test", Version: "1"}, nil)
		cmd := exec.Command(filepath.Join(bins(t), "dos-mcp"))
		cmd.Dir, cmd.Env = repo, cleanEnv()
		cs, err := client.Connect(context.Background(), &sdk.CommandTransport{Command: cmd}, &sdk.ClientSessionOptions{ProtocolVersion: v})
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if got := cs.InitializeResult().ProtocolVersion; got != v {
			t.Errorf("asked for %s, got %s", v, got)
		}
		res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "dos_verify", Arguments: map[string]any{"plan": "AUTH", "phase": "AUTH2"}})
		if err != nil || res.IsError || res.StructuredContent.(map[string]any)["verdict"] != "NOT_SHIPPED" {
			t.Errorf("%s: dos_verify: %v %v", v, err, res)
		}
		cs.Close()
	}
}
