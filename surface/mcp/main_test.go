package mcp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/surface/mcp"
	"github.com/dispatchos/dos/verbs"
)

// serveEnv, when set, makes the test binary itself a dos-mcp process whose
// registry holds the test-only syscalls too (testdefs_test.go): the test
// starts it as a real subprocess and talks to it over real stdio.
const serveEnv = "DOS_MCP_TEST_SERVE"

func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		reg := append(verbs.All(), testDefs...)
		os.Exit(mcp.Run(os.Args[1:], mcp.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, mcp.Options{Registry: reg}))
	}
	os.Exit(m.Run())
}

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// bins builds dos and dos-mcp from this checkout once per test run and
// returns the directory holding them.
func bins(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "dos-mcp-test-*")
		if buildErr != nil {
			return
		}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, c := range []string{"dos", "dos-mcp"} {
			wg.Go(func() {
				out, err := exec.Command("go", "build", "-o", filepath.Join(binDir, c), "../../cmd/"+c).CombinedOutput()
				if err != nil {
					errs[i] = fmt.Errorf("go build %s: %v\n%s", c, err, out)
				}
			})
		}
		wg.Wait()
		buildErr = errors.Join(errs...)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

// server is one dos-mcp process and a go-sdk client session on it.
type server struct {
	*sdk.ClientSession
	stderr *syncBuffer
}

// start runs dos-mcp (bin "dos-mcp", or "self" for this test binary with
// the test-only syscalls) with args and extra environment entries, in dir,
// and connects a go-sdk client (an independent MCP implementation) to it.
// The session is closed when the test ends.
func start(t *testing.T, bin, dir string, env []string, args ...string) *server {
	t.Helper()
	var cmd *exec.Cmd
	if bin == "self" {
		cmd = exec.Command(os.Args[0], args...)
		env = append(env, serveEnv+"=1")
	} else {
		cmd = exec.Command(filepath.Join(bins(t), bin), args...)
	}
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	client := sdk.NewClient(&sdk.Implementation{Name: "dos-test", Version: "1"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cs, err := client.Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr:\n%s", err, stderr)
	}
	t.Cleanup(func() { cs.Close() })
	return &server{ClientSession: cs, stderr: stderr}
}

// cleanEnv is the process environment without the variables that steer
// dos, plus the test git identity.
func cleanEnv() []string {
	var out []string
	for _, kv := range gittest.Env() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "DISPATCH_WORKSPACE", strings.HasPrefix(k, "DOS_MCP_"), k == "DOS_LOG", k == serveEnv:
			continue
		}
		out = append(out, kv)
	}
	return out
}

// call calls a tool and fails the test on a protocol error.
func (s *server) call(t *testing.T, name string, args map[string]any) *sdk.CallToolResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if args == nil {
		args = map[string]any{}
	}
	res, err := s.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: %v\nstderr:\n%s", name, args, err, s.stderr)
	}
	return res
}

// text joins a result's text blocks.
func text(res *sdk.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// object is a result's structured content as a JSON object.
func object(t *testing.T, res *sdk.CallToolResult) map[string]any {
	t.Helper()
	m, ok := res.StructuredContent.(map[string]any)
	if !ok {
		t.Fatalf("structured content is %T, want an object; text:\n%s", res.StructuredContent, text(res))
	}
	return m
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runBin runs one of the built binaries in dir and returns its output and
// exit code.
func runBin(t *testing.T, dir string, env []string, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bins(t), bin), args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return o.String(), e.String(), 0
}

// runCmd is runBin for a run that must succeed.
func runCmd(t *testing.T, dir string, env []string, bin string, args ...string) string {
	t.Helper()
	out, errs, code := runBin(t, dir, env, bin, args...)
	if code != 0 {
		t.Fatalf("%s %v: exit %d\n%s", bin, args, code, errs)
	}
	return out
}
