package install

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each host's own file, full of the user's entries (and, where the host
// allows them, comments and trailing commas): install wires every event,
// keeps everything else, writes a backup; a second install writes nothing;
// remove brings the original bytes back and drops the backup. (Hooks
// decision 12.)
func TestInstallTwiceThenRemoveRestoresOriginal(t *testing.T) {
	cases := []struct {
		host    Host
		file    string // relative to the project
		fixture string
		keep    []string // user text that must survive the install
	}{
		{ClaudeCode, ".claude/settings.json", "claude-settings.json", []string{`"./scripts/audit.sh"`, `"notify-send claude"`, `"Read(./.env)"`}},
		{Gemini, ".gemini/settings.json", "gemini-settings.json", []string{"// format after every write", "/* the model and its auth */", "// 30 s", `"npx prettier --write"`, "// keep"}},
		{Cursor, ".cursor/hooks.json", "cursor-hooks.json", []string{"// team hooks", "/* run prettier */", `"./hooks/no-rm.sh"`}},
		{Antigravity, ".agents/hooks.json", "antigravity-hooks.json", []string{`"shell-audit"`, `"./scripts/audit-command.sh"`}},
		{Codex, ".codex/hooks.json", "codex-hooks.json", []string{`"./scripts/log.sh"`}},
		{Codex, ".codex/config.toml", "codex-config.toml", []string{"# Codex project config", "# the default model", `"./scripts/guard.sh"`, "[mcp_servers.docs]"}},
	}
	for _, c := range cases {
		t.Run(string(c.host)+"/"+filepath.Base(c.file), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, filepath.FromSlash(c.file))
			orig := readTestdata(t, c.fixture)
			writeFile(t, path, orig)
			o := Options{Dir: dir, Bin: testBin}

			rep, err := Install(c.host, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Files) != 1 || rep.Files[0].Path != path || rep.Files[0].Action != Write {
				t.Fatalf("install wrote %+v, want one write of %s", rep.Files, path)
			}
			for _, e := range rep.Files[0].Events {
				if e.Status != Added {
					t.Errorf("event %s: %s, want added", e.Event, e.Status)
				}
			}
			once := readFile(t, path)
			for _, k := range c.keep {
				if !bytes.Contains(once, []byte(k)) {
					t.Errorf("install lost the user's %s:\n%s", k, once)
				}
			}
			if b := readFile(t, path+BackupSuffix); !bytes.Equal(b, orig) {
				t.Errorf("backup differs from the original")
			}
			if !strings.Contains(rep.Text(), "the previous file is kept in "+path+BackupSuffix) {
				t.Errorf("report does not name the backup:\n%s", rep.Text())
			}

			rep, err = Install(c.host, o)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Changed() || !bytes.Equal(readFile(t, path), once) {
				t.Fatalf("second install changed the file: %+v", rep.Files)
			}
			for _, e := range rep.Files[0].Events {
				if e.Status != Present {
					t.Errorf("second run, event %s: %s, want present", e.Event, e.Status)
				}
			}

			rep, err = Remove(c.host, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); !bytes.Equal(got, orig) {
				t.Fatalf("remove did not bring the original bytes back:\n--- got\n%s\n--- want\n%s", got, orig)
			}
			if exists(path + BackupSuffix) {
				t.Errorf("backup left behind after a restore")
			}
			var restored bool
			for _, f := range rep.Files {
				restored = restored || f.Action == Restore
			}
			if !restored {
				t.Errorf("remove report: %+v, want a restore", rep.Files)
			}
		})
	}
}

// A file dos created is deleted again by remove, and no backup is made of
// a file that was not there.
func TestInstallFreshThenRemoveDeletes(t *testing.T) {
	for _, h := range AllHosts() {
		t.Run(string(h), func(t *testing.T) {
			dir := t.TempDir()
			o := Options{Dir: dir, Bin: testBin}
			rep, err := Install(h, o)
			if err != nil {
				t.Fatal(err)
			}
			s, _ := SpecFor(h)
			path := filepath.Join(dir, filepath.FromSlash(s.Project[0]))
			if rep.Files[0].Path != path || rep.Files[0].Backup != "" || exists(path+BackupSuffix) {
				t.Fatalf("install: %+v", rep.Files)
			}
			doc := decodeJSONC(t, readFile(t, path))
			for _, e := range s.Events {
				hs := dosHandlers(t, doc, s.Container, e.Name)
				if len(hs) != 1 || hs[0]["command"] != testBin.Command(e.Verb, h) {
					t.Errorf("%s: handlers %v", e.Name, hs)
				}
			}
			if _, err := Remove(h, o); err != nil {
				t.Fatal(err)
			}
			if exists(path) {
				t.Errorf("remove left %s:\n%s", path, readFile(t, path))
			}
		})
	}
}

// Hooks decision 11: Gemini's timeouts are written in milliseconds; the
// other hosts' in whole seconds; Cursor's unit is disputed, so none.
func TestTimeoutUnits(t *testing.T) {
	want := map[Host]any{ClaudeCode: 60.0, Codex: 60.0, Gemini: 60000.0, Antigravity: 60.0, Cursor: nil}
	for h, w := range want {
		dir := t.TempDir()
		if _, err := Install(h, Options{Dir: dir, Bin: testBin}); err != nil {
			t.Fatal(err)
		}
		s, _ := SpecFor(h)
		doc := decodeJSONC(t, readFile(t, filepath.Join(dir, s.Project[0])))
		for _, e := range s.Events {
			for _, hd := range dosHandlers(t, doc, s.Container, e.Name) {
				if got := hd["timeout"]; got != w {
					t.Errorf("%s %s: timeout %v, want %v", h, e.Name, got, w)
				}
			}
		}
	}
}

// The shapes each host reads (host-contracts.md 2.x): Gemini matches every
// tool with ".*" on BeforeTool/AfterTool; Antigravity nests under a named
// hook, with "*" groups for tool events and a flat Stop; Cursor gets
// "version": 1 and flat entries.
func TestHostShapes(t *testing.T) {
	dir := t.TempDir()
	o := Options{Dir: dir, Bin: testBin}
	for _, h := range []Host{Gemini, Antigravity, Cursor} {
		if _, err := Install(h, o); err != nil {
			t.Fatal(err)
		}
	}
	g := decodeJSONC(t, readFile(t, filepath.Join(dir, ".gemini/settings.json")))
	bt := g["hooks"].(map[string]any)["BeforeTool"].([]any)[0].(map[string]any)
	if bt["matcher"] != ".*" {
		t.Errorf("gemini BeforeTool group: %v", bt)
	}
	a := decodeJSONC(t, readFile(t, filepath.Join(dir, ".agents/hooks.json")))
	dos := a["dos"].(map[string]any)
	if m := dos["PreToolUse"].([]any)[0].(map[string]any)["matcher"]; m != "*" {
		t.Errorf("antigravity PreToolUse matcher %v", m)
	}
	if st := dos["Stop"].([]any)[0].(map[string]any); st["command"] != testBin.Command(Stop, Antigravity) || st["hooks"] != nil {
		t.Errorf("antigravity Stop entry %v, want a flat handler", st)
	}
	if !isStrictJSON(readFile(t, filepath.Join(dir, ".agents/hooks.json"))) {
		t.Errorf("antigravity file is not strict JSON")
	}
	c := decodeJSONC(t, readFile(t, filepath.Join(dir, ".cursor/hooks.json")))
	if c["version"] != 1.0 {
		t.Errorf("cursor version %v", c["version"])
	}
	for _, ev := range []string{"beforeShellExecution", "beforeMCPExecution", "preToolUse", "afterFileEdit", "postToolUse", "stop"} {
		if hs := dosHandlers(t, c, []string{"hooks"}, ev); len(hs) != 1 {
			t.Errorf("cursor %s: %v", ev, hs)
		}
	}
}

// --global writes the user-level files under $HOME (a fake one here), and
// Antigravity's user file is ~/.gemini/config/hooks.json.
func TestGlobalUsesHome(t *testing.T) {
	home, proj := t.TempDir(), t.TempDir()
	o := Options{Dir: proj, Home: home, Global: true, Bin: testBin}
	want := map[Host]string{
		ClaudeCode:  ".claude/settings.json",
		Cursor:      ".cursor/hooks.json",
		Codex:       ".codex/hooks.json",
		Gemini:      ".gemini/settings.json",
		Antigravity: ".gemini/config/hooks.json",
	}
	// Gemini and Antigravity share ~/.gemini; the user's settings stay.
	writeFile(t, filepath.Join(home, ".gemini/settings.json"), []byte(`{"security":{"auth":{"selectedType":"gemini-api-key"}}}`+"\n"))
	for h, rel := range want {
		rep, err := Install(h, o)
		if err != nil {
			t.Fatal(err)
		}
		if p := filepath.Join(home, rel); rep.Files[0].Path != p || !exists(p) || rep.Scope != "user" {
			t.Errorf("%s: wrote %+v, want %s", h, rep.Files, p)
		}
	}
	if ents, _ := os.ReadDir(proj); len(ents) != 0 {
		t.Errorf("--global wrote into the project: %v", ents)
	}
	g := decodeJSONC(t, readFile(t, filepath.Join(home, ".gemini/settings.json")))
	if g["security"] == nil {
		t.Errorf("user's gemini settings lost")
	}
	// CODEX_HOME moves Codex's user files.
	ch := t.TempDir()
	o.CodexHome = ch
	if rep, err := Install(Codex, o); err != nil || rep.Files[0].Path != filepath.Join(ch, "hooks.json") {
		t.Fatalf("CODEX_HOME: %+v %v", rep.Files, err)
	}
	for h := range want {
		if _, err := Remove(h, Options{Dir: proj, Home: home, Global: true, Bin: testBin}); err != nil {
			t.Fatal(err)
		}
	}
	if exists(filepath.Join(home, ".claude/settings.json")) {
		t.Errorf("remove kept the settings file dos created")
	}
	if got := readFile(t, filepath.Join(home, ".gemini/settings.json")); string(got) != `{"security":{"auth":{"selectedType":"gemini-api-key"}}}`+"\n" {
		t.Errorf("gemini user settings not restored: %s", got)
	}
}

// The user edits the file after the install: remove takes dos's entries out
// and keeps the edit (the original bytes cannot come back without losing it).
func TestRemoveKeepsLaterEdits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".gemini/settings.json")
	writeFile(t, path, readTestdata(t, "gemini-settings.json"))
	o := Options{Dir: dir, Bin: testBin}
	if _, err := Install(Gemini, o); err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(readFile(t, path), []byte(`"theme": "GitHub"`), []byte(`"theme": "Dracula"`), 1)
	writeFile(t, path, edited)
	rep, err := Remove(Gemini, o)
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	if rep.Files[0].Action != Write || !bytes.Contains(got, []byte(`"theme": "Dracula"`)) {
		t.Fatalf("edit lost: %+v\n%s", rep.Files, got)
	}
	want := bytes.Replace(readTestdata(t, "gemini-settings.json"), []byte(`"theme": "GitHub"`), []byte(`"theme": "Dracula"`), 1)
	if !bytes.Equal(got, want) {
		t.Errorf("remove left more than the edit:\n--- got\n%s\n--- want\n%s", got, want)
	}
	if exists(path + BackupSuffix) {
		t.Errorf("backup kept after remove")
	}
}

// Hooks decision 11: an entry in the other form (dos hook <verb>) counts as
// dos's: it is pointed at the current binary, not duplicated; a dos marker
// entry and the user's own hooks are left alone, by install and by remove.
func TestBothFormsRecognised(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".claude/settings.json")
	orig := `{"hooks": {
  "PreToolUse": [{"hooks": [{"type": "command", "command": "dos hook pretool --workspace ."}]}],
  "Stop": [{"hooks": [{"type": "command", "command": "/usr/bin/dos hook marker"}, {"type": "command", "command": "./mine.sh"}]}]
}}
`
	writeFile(t, path, []byte(orig))
	o := Options{Dir: dir, Bin: testBin}
	rep, err := Install(ClaudeCode, o)
	if err != nil {
		t.Fatal(err)
	}
	st := map[string]Status{}
	for _, e := range rep.Files[0].Events {
		st[e.Event] = e.Status
	}
	if st["PreToolUse"] != Updated || st["Stop"] != Added || st["PostToolUse"] != Added {
		t.Fatalf("statuses %v", st)
	}
	doc := decodeJSONC(t, readFile(t, path))
	pre := dosHandlers(t, doc, []string{"hooks"}, "PreToolUse")
	if len(pre) != 1 || pre[0]["command"] != testBin.Command(PreTool, ClaudeCode) {
		t.Errorf("PreToolUse: %v", pre)
	}
	stop := handlers(t, doc, []string{"hooks"}, "Stop")
	if len(stop) != 3 || stop[0]["command"] != "/usr/bin/dos hook marker" || stop[1]["command"] != "./mine.sh" {
		t.Errorf("Stop: %v", stop)
	}
	if _, err := Remove(ClaudeCode, o); err != nil {
		t.Fatal(err)
	}
	if got := string(readFile(t, path)); got != orig {
		t.Errorf("remove: got\n%s", got)
	}
	// Without the backup, remove cuts dos's entries and keeps the rest.
	writeFile(t, path, []byte(orig))
	if _, err := Remove(ClaudeCode, o); err != nil {
		t.Fatal(err)
	}
	doc = decodeJSONC(t, readFile(t, path))
	if hs := handlers(t, doc, []string{"hooks"}, "Stop"); len(hs) != 2 {
		t.Errorf("Stop after remove: %v", hs)
	}
	if hs := handlers(t, doc, []string{"hooks"}, "PreToolUse"); len(hs) != 0 {
		t.Errorf("PreToolUse after remove: %v", hs)
	}
}

// Never clobber: a file that does not parse, or whose hooks key is not an
// object, is refused, and nothing is written (no backup either).
func TestRefusesWhatItCannotMerge(t *testing.T) {
	for name, body := range map[string]string{
		"not json":        `{"hooks": {`,
		"hooks a string":  `{"hooks": "off"}`,
		"event an object": `{"hooks": {"PreToolUse": {}}}`,
		"root an array":   `[1, 2]`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, ".claude/settings.json")
			writeFile(t, path, []byte(body))
			_, err := Install(ClaudeCode, Options{Dir: dir, Bin: testBin})
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v, want a refusal naming the file", err)
			}
			if string(readFile(t, path)) != body || exists(path+BackupSuffix) {
				t.Errorf("refused file was touched")
			}
		})
	}
}

// A symlinked settings file (dotfiles) is edited through the link.
func TestSymlinkFollowed(t *testing.T) {
	dir, dot := t.TempDir(), t.TempDir()
	target := filepath.Join(dot, "settings.json")
	writeFile(t, target, []byte("{}\n"))
	link := filepath.Join(dir, ".claude/settings.json")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(ClaudeCode, Options{Dir: dir, Bin: testBin}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced by a file")
	}
	if !bytes.Contains(readFile(t, target), []byte("dos-hook")) {
		t.Errorf("target not edited")
	}
}

// agy reads hooks.json as strict JSON: the report warns when the user's
// file is not, and dos itself adds no comment and no trailing comma.
func TestAntigravityStrictWarning(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".agents/hooks.json")
	writeFile(t, path, []byte("{\"x\": {}, // mine\n}\n"))
	rep, err := Install(Antigravity, Options{Dir: dir, Bin: testBin})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.Text(), "agy ignores every hook in it") {
		t.Errorf("no warning:\n%s", rep.Text())
	}
	writeFile(t, path, readTestdata(t, "antigravity-hooks.json"))
	os.Remove(path + BackupSuffix)
	rep, err = Install(Antigravity, Options{Dir: dir, Bin: testBin})
	if err != nil || strings.Contains(rep.Text(), "warning") || !isStrictJSON(readFile(t, path)) {
		t.Errorf("strict file: %v\n%s\n%s", err, rep.Text(), readFile(t, path))
	}
}
