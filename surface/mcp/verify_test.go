package mcp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// authRepo is a repository where AUTH1 shipped, AUTH2 never did and AUTH3
// was stamped on an empty commit.
func authRepo(t *testing.T) string {
	t.Helper()
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "init: layout", "README.md")
	gittest.Commit(t, dir, "AUTH1: ship the login endpoint", "src/login.go")
	gittest.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "AUTH3: done, trust me")
	return dir
}

// dos_verify on real repositories, good calls and bad, on one server that
// keeps answering (issue: MCP tests; Truth 3, 5; MCP 2).
func TestVerifyTool(t *testing.T) {
	repo := authRepo(t)
	s := start(t, "dos-mcp", t.TempDir(), nil)
	verify := func(args map[string]any) map[string]any {
		t.Helper()
		res := s.call(t, "dos_verify", args)
		if res.IsError {
			t.Fatalf("dos_verify %v: isError: %s", args, text(res))
		}
		return object(t, res)
	}

	got := verify(map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspace": repo})
	if got["shipped"] != true || got["verdict"] != "SHIPPED" || got["exit_code"] != 0.0 || got["source"] != "grep-subject" ||
		got["sha"] == "" || !strings.HasPrefix(got["interpretation"].(string), "SHIPPED") {
		t.Errorf("AUTH1: %v", got)
	}

	res := s.call(t, "dos_verify", map[string]any{"plan": "AUTH", "phase": "AUTH2", "workspace": repo})
	got = object(t, res)
	if res.IsError || got["shipped"] != false || got["verdict"] != "NOT_SHIPPED" || got["exit_code"] != 1.0 || got["source"] != "none" {
		t.Errorf("AUTH2 (a negative verdict is an answer, not an error): isError=%v %v", res.IsError, got)
	}
	if first := strings.SplitN(text(res), "\n", 2)[0]; first != "NOT_SHIPPED AUTH AUTH2 (via none)" {
		t.Errorf("AUTH2 text line %q", first)
	}

	res = s.call(t, "dos_verify", map[string]any{"plan": "AUTH", "phase": "AUTH3", "workspace": repo})
	got = object(t, res)
	if got["shipped"] != false || got["rung"] != "empty-stamp" || got["demoted_sha"] == "" || !strings.Contains(text(res), "(via empty-stamp)") {
		t.Errorf("AUTH3 (empty stamp): %v\n%s", got, text(res))
	}

	// Broken contracts: isError with the CLI's one-line error; the server
	// keeps serving.
	missing := filepath.Join(t.TempDir(), "nowhere")
	_, cliErr, code := runBin(t, repo, nil, "dos", "verify", "AUTH", "AUTH1", "--workspace", missing)
	res = s.call(t, "dos_verify", map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspace": missing})
	if !res.IsError || code != 2 || text(res) != strings.TrimSpace(cliErr) {
		t.Errorf("missing workspace: isError=%v text %q; the CLI printed %q (exit %d)", res.IsError, text(res), cliErr, code)
	}
	for _, bad := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"plan": "AUTH", "workspace": repo}, "dos: error: phase must be non-empty"},
		{map[string]any{"plan": 7, "phase": "AUTH1", "workspace": repo}, "dos: error: plan wants a string"},
		{map[string]any{"plan": "AUTH", "phase": "AUTH1", "no_ci": "yes", "workspace": repo}, "dos: error: no_ci wants true or false"},
		{map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspce": repo}, `dos: error: verify takes no argument "workspce"`},
		{map[string]any{"plan": "AUTH", "phase": "AUTH\x01", "workspace": repo}, "dos: error: phase contains a control character"},
	} {
		res := s.call(t, "dos_verify", bad.args)
		if !res.IsError || !strings.HasPrefix(text(res), bad.want) {
			t.Errorf("%v: isError=%v %q, want %q", bad.args, res.IsError, text(res), bad.want)
		}
		if m := object(t, res); m["exit_code"] != 2.0 || m["error"] == "" {
			t.Errorf("%v: structured error %v", bad.args, m)
		}
	}
	if got := verify(map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspace": repo}); got["shipped"] != true {
		t.Errorf("after the errors, AUTH1: %v", got)
	}
}

// MCP 1: the workspace argument, else the server's --workspace, else
// DISPATCH_WORKSPACE, else the server's working directory.
func TestWorkspacePrecedence(t *testing.T) {
	envRepo, argRepo, cwdRepo := authRepo(t), gittest.Init(t), gittest.Init(t)
	gittest.Commit(t, argRepo, "AUTH2: only here", "b.go")
	gittest.Commit(t, cwdRepo, "AUTH4: only in the cwd", "c.go")
	shipped := func(s *server, args map[string]any) any {
		t.Helper()
		return object(t, s.call(t, "dos_verify", args))["shipped"]
	}
	s := start(t, "dos-mcp", cwdRepo, []string{"DISPATCH_WORKSPACE=" + envRepo})
	if shipped(s, map[string]any{"plan": "AUTH", "phase": "AUTH1"}) != true {
		t.Error("DISPATCH_WORKSPACE was not the default")
	}
	if shipped(s, map[string]any{"plan": "AUTH", "phase": "AUTH2", "workspace": argRepo}) != true {
		t.Error("the workspace argument did not win over DISPATCH_WORKSPACE")
	}
	s = start(t, "dos-mcp", cwdRepo, []string{"DISPATCH_WORKSPACE=" + envRepo}, "--workspace", argRepo)
	if shipped(s, map[string]any{"plan": "AUTH", "phase": "AUTH2"}) != true {
		t.Error("--workspace did not win over DISPATCH_WORKSPACE")
	}
	if shipped(s, map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspace": envRepo}) != true {
		t.Error("the workspace argument did not win over --workspace")
	}
	s = start(t, "dos-mcp", cwdRepo, nil)
	if shipped(s, map[string]any{"plan": "AUTH", "phase": "AUTH4"}) != true {
		t.Error("the server's directory was not the last default")
	}
}

// dos_verify runs [verify] exec_cmd as the CLI does; a read-only server
// never runs it.
func TestVerifyExecCmdAndReadOnly(t *testing.T) {
	repo := authRepo(t)
	if err := os.WriteFile(filepath.Join(repo, "dos.toml"), []byte("[verify]\nexec_cmd = \"sh -c 'touch ran; exit 1'\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := map[string]any{"plan": "AUTH", "phase": "AUTH1", "workspace": repo}
	ro := start(t, "dos-mcp", repo, nil, "--read-only")
	if got := object(t, ro.call(t, "dos_verify", args)); got["shipped"] != true {
		t.Errorf("read-only: %v", got)
	}
	if _, err := os.Stat(filepath.Join(repo, "ran")); err == nil {
		t.Fatal("a read-only server ran [verify] exec_cmd")
	}
	rw := start(t, "dos-mcp", repo, nil)
	if got := object(t, rw.call(t, "dos_verify", args)); got["shipped"] != false || got["rung"] != "exec-refuted" {
		t.Errorf("exec_cmd failing: %v", got)
	}
	if _, err := os.Stat(filepath.Join(repo, "ran")); err != nil {
		t.Error("exec_cmd did not run")
	}
	tools := listTools(t, ro)
	if d := tools["dos_verify"].Description; !strings.Contains(d, "exec_cmd") || !strings.Contains(d, "no_ci is always true") {
		t.Errorf("the read-only dos_verify description does not say exec_cmd is skipped:\n%s", d)
	}
}
