package install

import (
	"path/filepath"
	"strings"
	"testing"
)

// dos doctor's view of Codex trust (hosts README section 5): a dos hook
// with no trust record is reported, one with a record is not, one switched
// off is; a project Codex does not trust is reported while it holds dos
// hooks.
func TestInspectCodexTrust(t *testing.T) {
	proj, codexHome := t.TempDir(), t.TempDir()
	o := Options{Dir: proj, CodexHome: codexHome, Bin: testBin}
	if _, err := Install(Codex, o); err != nil {
		t.Fatal(err)
	}
	hooksFile := filepath.Join(proj, ".codex/hooks.json")

	tr, err := InspectCodexTrust(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Hooks) != 3 {
		t.Fatalf("hooks %+v", tr.Hooks)
	}
	for _, h := range tr.Hooks {
		if h.State != Untrusted || h.File != hooksFile {
			t.Errorf("%+v", h)
		}
	}
	f := tr.Findings()
	if len(f) != 4 || !strings.Contains(f[0], "not marked trusted") {
		t.Fatalf("findings %q", f)
	}

	// Trust the project and two hooks; switch the third off.
	cfg := "model = \"gpt-5.5\"\n\n[projects.\"" + proj + "\"]\ntrust_level = \"trusted\"\n\n" +
		"[hooks.state.\"" + hooksFile + ":pre_tool_use:0:0\"]\ntrusted_hash = \"sha256:aa\"\n\n" +
		"[hooks.state.\"" + hooksFile + ":post_tool_use:0:0\"]\ntrusted_hash = \"sha256:bb\"\n\n" +
		"[hooks.state.\"" + hooksFile + ":stop:0:0\"]\nenabled = false\n"
	writeFile(t, filepath.Join(codexHome, "config.toml"), []byte(cfg))
	tr, err = InspectCodexTrust(o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]TrustState{"PreToolUse": Recorded, "PostToolUse": Recorded, "Stop": Disabled}
	for _, h := range tr.Hooks {
		if h.State != want[h.Event] {
			t.Errorf("%s: %s, want %s", h.Event, h.State, want[h.Event])
		}
	}
	f = tr.Findings()
	if !tr.ProjectTrusted || len(f) != 1 || !strings.Contains(f[0], "switched off") {
		t.Errorf("findings %q", f)
	}

	// A user hook ahead of ours shifts the group index in the key.
	writeFile(t, hooksFile, []byte(`{"hooks":{"PreToolUse":[{"hooks":[{"type":"command","command":"./mine.sh"}]},{"hooks":[{"type":"command","command":"dos hook pretool --dialect codex"}]}]}}`))
	tr, _ = InspectCodexTrust(o)
	if len(tr.Hooks) != 1 || !strings.HasSuffix(tr.Hooks[0].Key, ":pre_tool_use:1:0") || tr.Hooks[0].State != Untrusted {
		t.Errorf("%+v", tr.Hooks)
	}
}
