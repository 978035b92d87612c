package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/starttest"
)

// denied are packages dos-hook must not link (style practice 18, issue 8):
// each one costs start-up time on every tool call of every agent. An entry
// covers the packages below it too, except go-git, where only the root
// package (repositories, transports) is denied.
var denied = []string{
	"github.com/spf13/cobra",
	"github.com/go-git/go-git/v5$",
	"golang.org/x/crypto/ssh",
	"github.com/ProtonMail/go-crypto",
	"net", // and net/http: a logging library brings it in; its start-up alone is a fifth of the floor
	"github.com/rs/zerolog",
	"github.com/mark3labs/mcp-go",
	"github.com/modelcontextprotocol/go-sdk",
	"github.com/charmbracelet/bubbletea",
	"github.com/charmbracelet/lipgloss",
	"go.opentelemetry.io/otel",
	"go.etcd.io/etcd",
	"github.com/dispatchos/dos/surface/cli",
	"github.com/dispatchos/dos/surface/mcp",
	"github.com/dispatchos/dos/call", // the verb registry
	"github.com/dispatchos/dos/verbs",
}

func deps(t *testing.T, pkg string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	m := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		m[p] = true
	}
	return m
}

func matches(p, bad string) bool {
	if exact, ok := strings.CutSuffix(bad, "$"); ok {
		return p == exact
	}
	return p == bad || strings.HasPrefix(p, bad+"/")
}

// The hook binary's dependency list stays small: a denied package anywhere
// in its graph fails (issue: a lean dependency graph).
func TestDepsDenyList(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for p := range deps(t, "github.com/dispatchos/dos/cmd/dos-hook") {
		for _, bad := range denied {
			if matches(p, bad) {
				t.Errorf("dos-hook links %s", p)
			}
		}
	}
}

// Every denied package of this module exists: a renamed one would leave
// an entry that can never match.
func TestDepsDenyListNamesLivePackages(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "github.com/dispatchos/dos/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Fields(string(out))
	for _, bad := range denied {
		if !strings.HasPrefix(bad, "github.com/dispatchos/dos/") {
			continue
		}
		found := false
		for _, p := range pkgs {
			found = found || matches(p, bad)
		}
		if !found {
			t.Errorf("denied %s names no package of the module", bad)
		}
	}
}

// dos-hook runs on every tool call: like dos, none of the dos packages it
// links does init work, and it is built with cmd/dos's go:debug line.
func TestNoInitWorkAtStart(t *testing.T) {
	starttest.Check(t, `{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"x"}}`, "pretool")
}
