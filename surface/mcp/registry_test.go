package mcp_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A syscall registered only in this test binary is served as a tool with
// the schema its argument and result types declare: no MCP code exists
// for it (issue: "a syscall registered later appears as a tool").
func TestLaterSyscallIsATool(t *testing.T) {
	s := start(t, "self", t.TempDir(), nil, "--toolsets", "all")
	tl := listTools(t, s)["dos_test_echo"]
	if tl == nil {
		t.Fatal("no dos_test_echo")
	}
	in, _ := json.Marshal(tl.InputSchema)
	want := `{"additionalProperties":false,"properties":{` +
		`"shout":{"description":"upper-case the echo","type":"boolean"},` +
		`"tag":{"description":"a tag from a closed set","enum":["a","b"],"type":"string"},` +
		`"text":{"description":"the text to echo","type":"string"},` +
		`"times":{"default":2,"description":"how many times to echo it","type":"integer"}},` +
		`"required":["text"],"type":"object"}`
	if string(in) != want {
		t.Errorf("input schema\n got %s\nwant %s", in, want)
	}
	out, _ := json.Marshal(tl.OutputSchema)
	want = `{"additionalProperties":false,"properties":{"count":{"type":"integer"},` +
		`"echo":{"items":{"type":"string"},"type":["null","array"]},"exit_code":{"type":"integer"},` +
		`"interpretation":{"type":"string"},"syscall":{"const":"test echo","type":"string"},"tag":{"type":"string"},` +
		`"verdict":{"enum":["ECHOED","SILENT"],"type":"string"}},` +
		`"required":["echo","count","syscall","exit_code","verdict"],"type":"object"}`
	if string(out) != want {
		t.Errorf("output schema\n got %s\nwant %s", out, want)
	}
	if !tl.Annotations.ReadOnlyHint || tl.Title != "dos test echo" {
		t.Errorf("annotations %+v title %q", tl.Annotations, tl.Title)
	}
	got := object(t, s.call(t, "dos_test_echo", map[string]any{"text": "hi", "shout": true}))
	if !reflect.DeepEqual(got, map[string]any{"echo": []any{"HI", "HI"}, "count": 2.0, "syscall": "test echo",
		"verdict": "ECHOED", "exit_code": 0.0, "interpretation": "the text came back 2 times"}) {
		t.Errorf("dos_test_echo: %v", got)
	}
	if got := object(t, s.call(t, "dos_test_echo", map[string]any{"text": "hi", "times": 0})); got["verdict"] != "SILENT" || got["exit_code"] != 1.0 {
		t.Errorf("times 0: %v", got)
	}
	if res := s.call(t, "dos_test_echo", map[string]any{"text": "hi", "tag": "c"}); !res.IsError ||
		text(res) != `dos: error: tag must be one of a, b, got "c"` {
		t.Errorf("bad enum: %v %q", res.IsError, text(res))
	}
}

// MCP 4 (issue): a call past DOS_MCP_TOOL_DEADLINE_MS answers a typed
// STALLED result, promptly, even when the handler ignores cancellation and
// when more calls block than the server has workers; the server stays
// responsive.
func TestDeadlineAnswersStalled(t *testing.T) {
	repo := authRepo(t)
	s := start(t, "self", repo, []string{"DOS_MCP_TOOL_DEADLINE_MS=300"}, "--toolsets", "all")
	var wg sync.WaitGroup
	began := time.Now()
	for range 8 {
		wg.Go(func() {
			res := s.call(t, "dos_test_block", map[string]any{"seconds": 30})
			got := object(t, res)
			if !res.IsError || got["verdict"] != "STALLED" || got["tool"] != "dos_test_block" || got["deadline_ms"] != 300.0 ||
				!strings.Contains(got["reason"].(string), "deadline") || !strings.Contains(got["fallback"].(string), "dos test block") ||
				!strings.Contains(got["advice"].(string), "advisory") || !strings.HasPrefix(text(res), "STALLED dos_test_block") {
				t.Errorf("blocked call: isError=%v %v", res.IsError, got)
			}
		})
	}
	wg.Wait()
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("8 blocked calls took %v to answer STALLED (deadline 300 ms)", d)
	}
	began = time.Now()
	if got := object(t, s.call(t, "dos_verify", map[string]any{"plan": "AUTH", "phase": "AUTH1"})); got["shipped"] != true {
		t.Errorf("after the stalls: %v", got)
	}
	if d := time.Since(began); d > 2*time.Second {
		t.Errorf("the server took %v to answer after the stalls", d)
	}
}

// Spec mcp §14.6: past the deadline the call's child processes are killed,
// not left running.
func TestDeadlineKillsChildren(t *testing.T) {
	s := start(t, "self", t.TempDir(), []string{"DOS_MCP_TOOL_DEADLINE_MS=300"}, "--toolsets", "all")
	pidFile := filepath.Join(t.TempDir(), "pid")
	res := s.call(t, "dos_test_child", map[string]any{"pid_file": pidFile})
	if object(t, res)["verdict"] != "STALLED" {
		t.Fatalf("child call: %s", text(res))
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(string(b))
	for deadline := time.Now().Add(5 * time.Second); ; {
		// Signal 0 probes the process (os.Process.Signal, so the test
		// also compiles where there is no syscall.Kill).
		if p, err := os.FindProcess(pid); err != nil || p.Signal(syscall.Signal(0)) != nil {
			break
		}
		if time.Now().After(deadline) {
			exec.Command("kill", strconv.Itoa(pid)).Run()
			t.Fatalf("child %d still runs after the deadline", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// DOS_MCP_TOOL_DEADLINE_MS=0 switches the deadline off.
func TestNoDeadline(t *testing.T) {
	s := start(t, "self", t.TempDir(), []string{"DOS_MCP_TOOL_DEADLINE_MS=0"}, "--toolsets", "all")
	res := s.call(t, "dos_test_block", map[string]any{"seconds": 1})
	if got := object(t, res); res.IsError || got["verdict"] != "UNBLOCKED" {
		t.Errorf("with no deadline: %v", got)
	}
}
