package install

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// Which Codex file gets the hooks: hooks.json unless the layer already keeps
// hooks in config.toml (one representation per layer), and never a
// config.toml the block would break.
func TestCodexTarget(t *testing.T) {
	cases := []struct {
		name       string
		config     string // "" = no config.toml
		hooksJSON  bool
		wantTarget string
	}{
		{"fresh project", "", false, "hooks.json"},
		{"config without hooks", "model = \"gpt-5.5\"\n", false, "hooks.json"},
		{"config with trust records only", "[hooks.state.\"/x:stop:0:0\"]\ntrusted_hash = \"abc\"\n", false, "hooks.json"},
		{"config with hook tables", string(readTestdata(t, "codex-config.toml")), false, "config.toml"},
		{"config with hooks but hooks.json too", string(readTestdata(t, "codex-config.toml")), true, "hooks.json"},
		{"inline hook array the block would break", "[hooks]\nPreToolUse = [{hooks = [{type = \"command\", command = \"x\"}]}]\n", false, "hooks.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, ".codex/config.toml")
			if c.config != "" {
				writeFile(t, cfg, []byte(c.config))
			}
			if c.hooksJSON {
				writeFile(t, filepath.Join(dir, ".codex/hooks.json"), []byte("{}\n"))
			}
			rep, err := Install(Codex, Options{Dir: dir, Bin: testBin})
			if err != nil {
				t.Fatal(err)
			}
			if got := filepath.Base(rep.Files[0].Path); got != c.wantTarget {
				t.Fatalf("wrote %s, want %s", got, c.wantTarget)
			}
			if c.config != "" && c.wantTarget == "hooks.json" {
				if got := string(readFile(t, cfg)); got != c.config {
					t.Errorf("config.toml touched:\n%s", got)
				}
			}
			// Idempotent, whichever file it chose.
			if rep, err = Install(Codex, Options{Dir: dir, Bin: testBin}); err != nil || rep.Changed() {
				t.Fatalf("second install: %+v %v", rep.Files, err)
			}
		})
	}
}

// A changed dos-hook path rewrites the block in place (Codex then asks for
// a new review); a dos hook the user wrote outside the block is left, and
// the block does not duplicate its event.
func TestCodexTOMLBlock(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".codex/config.toml")
	own := "[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = \"command\"\ncommand = \"dos hook stop --dialect codex\"\n"
	writeFile(t, cfg, []byte("# mine\n"+own))
	if _, err := Install(Codex, Options{Dir: dir, Bin: testBin}); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, cfg)
	if n := bytes.Count(got, []byte("[[hooks.Stop]]")); n != 1 {
		t.Fatalf("Stop tables: %d\n%s", n, got)
	}
	moved := Binaries{Hook: "/usr/local/bin/dos-hook"}
	rep, err := Install(Codex, Options{Dir: dir, Bin: moved})
	if err != nil {
		t.Fatal(err)
	}
	st := map[string]Status{}
	for _, e := range rep.Files[0].Events {
		st[e.Event] = e.Status
	}
	if st["PreToolUse"] != Updated || st["Stop"] != Elsewhere {
		t.Errorf("statuses %v", st)
	}
	got = readFile(t, cfg)
	if bytes.Contains(got, []byte("/opt/dos tools")) || bytes.Count(got, []byte("# >>> dos hooks")) != 1 {
		t.Errorf("block not rewritten in place:\n%s", got)
	}
	rep, err = Remove(Codex, Options{Dir: dir, Bin: moved})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(readFile(t, cfg)); got != "# mine\n"+own {
		t.Errorf("remove:\n%s", got)
	}
	if !strings.Contains(rep.Text(), "outside dos's block for Stop") {
		t.Errorf("report does not mention the user's own dos hook:\n%s", rep.Text())
	}
}

// An opening fence without its closing line is refused, not guessed at.
func TestCodexUnterminatedBlock(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".codex/config.toml")
	body := "[hooks]\n# >>> dos hooks: half\n[[hooks.Stop]]\n"
	writeFile(t, cfg, []byte(body))
	for _, remove := range []bool{false, true} {
		var err error
		if remove {
			_, err = Remove(Codex, Options{Dir: dir, Bin: testBin})
		} else {
			_, err = Install(Codex, Options{Dir: dir, Bin: testBin})
		}
		if remove && err == nil {
			t.Errorf("remove accepted an unterminated block")
		}
		if got := string(readFile(t, cfg)); got != body {
			t.Errorf("file touched: %s", got)
		}
	}
}
