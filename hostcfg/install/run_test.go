package install

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func noPath(string) (string, error) { return "", os.ErrNotExist }
func noEnv(string) string           { return "" }

// auto wires the hosts whose directories are in the project and says which
// it found and why; --remove with auto takes dos out of every host.
func TestRunAuto(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".claude"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".gemini"), 0o755)
	req := Request{Hosts: "auto", Options: Options{Dir: dir, Bin: testBin}, LookPath: noPath, Getenv: noEnv}
	out, err := Run(req)
	if err != nil {
		t.Fatal(err)
	}
	txt := out.Text()
	if !strings.HasPrefix(txt, "--hooks auto: detected claude-code (.claude/), gemini (.gemini/)\n") ||
		!strings.Contains(txt, "claude-code: wired 4 dos hooks into ") || !strings.Contains(txt, "gemini: wired 3 dos hooks into ") ||
		strings.Count(txt, "set [hooks] strict_stop = true in dos.toml") != 2 {
		t.Fatalf("text:\n%s", txt)
	}
	if exists(filepath.Join(dir, ".codex")) || exists(filepath.Join(dir, ".cursor")) {
		t.Errorf("wired a host that is not here")
	}
	req.Remove = true
	out, err = Run(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Reports) != 2 || exists(filepath.Join(dir, ".claude/settings.json")) || exists(filepath.Join(dir, ".gemini/settings.json")) {
		t.Errorf("auto remove: %s", out.Text())
	}
	if out, _ = Run(req); out.Text() != "no dos hooks found in any host's files" {
		t.Errorf("second auto remove: %s", out.Text())
	}
}

func TestRunAutoNothingFound(t *testing.T) {
	dir := t.TempDir()
	_, err := Run(Request{Hosts: "auto", Options: Options{Dir: dir, Bin: testBin}, LookPath: noPath, Getenv: noEnv})
	if !errors.Is(err, ErrNoHost) || !strings.Contains(err.Error(), ".claude/") {
		t.Fatalf("err = %v", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("wrote %v", ents)
	}
}

// One host's file cannot be merged: no host's file is written.
func TestRunPlansAllBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".claude"), 0o755)
	writeFile(t, filepath.Join(dir, ".gemini/settings.json"), []byte(`{"hooks": [`))
	_, err := Run(Request{Hosts: "auto", Options: Options{Dir: dir, Bin: testBin}, LookPath: noPath, Getenv: noEnv})
	if err == nil || !strings.Contains(err.Error(), "dos init --hooks gemini: ") {
		t.Fatalf("err = %v", err)
	}
	if exists(filepath.Join(dir, ".claude/settings.json")) {
		t.Errorf("claude-code was wired although gemini failed")
	}
}

func TestRunUnknownHost(t *testing.T) {
	if _, err := Run(Request{Hosts: "hermes", Options: Options{Dir: t.TempDir()}}); err == nil {
		t.Fatal("hermes accepted")
	}
}

func TestHostsText(t *testing.T) {
	txt := HostsText()
	for _, want := range []string{
		"claude-code (Claude Code)\n  project: .claude/settings.json, .claude/settings.local.json",
		"antigravity (Antigravity)\n  project: .agents/hooks.json\n  user:    ~/.gemini/config/hooks.json (--global)",
		"gemini (Gemini CLI)", "timeout: 60000 ms", "BeforeTool→pretool",
		"codex (Codex CLI)\n  project: .codex/hooks.json, .codex/config.toml",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("hosts text lacks %q:\n%s", want, txt)
		}
	}
	if len(Hosts()) != 5 {
		t.Errorf("hosts: %d", len(Hosts()))
	}
}
