package install

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDosVerb(t *testing.T) {
	cases := []struct {
		cmd  string
		verb Verb
		ok   bool
	}{
		{"/opt/bin/dos-hook pretool --dialect codex", PreTool, true},
		{"'/opt/dos tools/bin/dos-hook' stop --dialect gemini", Stop, true},
		{`"/opt/dos tools/bin/dos" hook posttool`, PostTool, true},
		{"dos hook pretool --workspace .", PreTool, true},
		{"dos hook marker", Marker, true},
		{"dos-hook", "", false},
		{"dos hook", "", false},
		{"dos verify AUTH AUTH1", "", false},
		{"dos hook bogus", "", false},
		{"./dos-hooker pretool", "", false},
		{"echo dos-hook pretool", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		v, ok := DosVerb(c.cmd)
		if v != c.verb || ok != c.ok {
			t.Errorf("DosVerb(%q) = %q, %v; want %q, %v", c.cmd, v, ok, c.verb, c.ok)
		}
	}
}

// What Command writes, DosVerb reads back, for awkward paths too.
func TestCommandRoundTrip(t *testing.T) {
	for _, p := range []string{"/usr/bin/dos-hook", "/opt/it's here/dos-hook", "/a b/c\"d/dos-hook", "/x/$HOME/dos-hook"} {
		for _, b := range []Binaries{{Hook: p}, {Dos: filepath.Join(filepath.Dir(p), "dos")}} {
			cmd := b.Command(PostTool, Gemini)
			if v, ok := DosVerb(cmd); !ok || v != PostTool {
				t.Errorf("%q: DosVerb = %q, %v", cmd, v, ok)
			}
			words := shellWords(cmd)
			if words[0] != b.Program() {
				t.Errorf("%q: program %q, want %q", cmd, words[0], b.Program())
			}
		}
	}
}

func TestLocateBinaries(t *testing.T) {
	dir := t.TempDir()
	dos := filepath.Join(dir, "dos")
	writeFile(t, dos, []byte("#!/bin/sh\n"))
	os.Chmod(dos, 0o755)
	none := func(string) (string, error) { return "", os.ErrNotExist }
	if b := LocateBinaries(dos, none); b.Hook != "" || b.Dos != dos {
		t.Errorf("without dos-hook: %+v", b)
	}
	other := filepath.Join(t.TempDir(), "dos-hook")
	writeFile(t, other, []byte("#!/bin/sh\n"))
	os.Chmod(other, 0o755)
	onPath := func(string) (string, error) { return other, nil }
	if b := LocateBinaries(dos, onPath); b.Hook != other {
		t.Errorf("dos-hook on PATH: %+v", b)
	}
	beside := filepath.Join(dir, "dos-hook")
	writeFile(t, beside, []byte("#!/bin/sh\n"))
	os.Chmod(beside, 0o755)
	if b := LocateBinaries(dos, onPath); b.Hook != beside {
		t.Errorf("dos-hook beside dos wins: %+v", b)
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".codex"), 0o755)
	os.MkdirAll(filepath.Join(dir, ".agents"), 0o755)
	lookPath := func(name string) (string, error) {
		if name == "gemini" {
			return "/usr/bin/gemini", nil
		}
		return "", os.ErrNotExist
	}
	getenv := func(k string) string {
		if k == "CLAUDECODE" {
			return "1"
		}
		return ""
	}
	got := Detect(dir, lookPath, getenv)
	var hosts []Host
	for _, d := range got {
		hosts = append(hosts, d.Host)
	}
	want := []Host{ClaudeCode, Codex, Gemini, Antigravity}
	if len(hosts) != len(want) {
		t.Fatalf("detected %v, want %v", hosts, want)
	}
	for i := range want {
		if hosts[i] != want[i] {
			t.Fatalf("detected %v, want %v", hosts, want)
		}
	}
	if txt := DetectionText(got); txt != "--hooks auto: detected claude-code ($CLAUDECODE set), codex (.codex/), gemini (gemini on PATH), antigravity (.agents/)" {
		t.Errorf("text: %s", txt)
	}
	if len(Detect(t.TempDir(), nil, nil)) != 0 {
		t.Errorf("detected something in an empty dir")
	}
}

func TestParseHost(t *testing.T) {
	for in, want := range map[string]Host{"claude-code": ClaudeCode, "Claude": ClaudeCode, "gemini": Gemini, "antigravity": Antigravity} {
		if h, err := ParseHost(in); err != nil || h != want {
			t.Errorf("ParseHost(%q) = %q, %v", in, h, err)
		}
	}
	if _, err := ParseHost("hermes"); err == nil {
		t.Errorf("hermes accepted")
	}
}

// The hook files an agent must not edit include every file dos writes.
func TestHookFiles(t *testing.T) {
	project, user := HookFiles()
	has := func(list []string, f string) bool {
		for _, x := range list {
			if x == f {
				return true
			}
		}
		return false
	}
	for _, f := range []string{".claude/settings.json", ".claude/settings.local.json", ".codex/hooks.json", ".codex/config.toml", ".gemini/settings.json", ".cursor/hooks.json", ".agents/hooks.json"} {
		if !has(project, f) {
			t.Errorf("project list lacks %s", f)
		}
	}
	if !has(user, ".gemini/config/hooks.json") {
		t.Errorf("user list lacks antigravity's file")
	}
}
