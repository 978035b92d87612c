package setup

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/skills"
)

// init --skills writes the pack into <dir>/.claude/skills and nothing
// else; a second run keeps what is there (exit 1) unless --force, which
// rewrites only the skills (spec mcp §11.3 and its Improve notes).
func TestInitSkills(t *testing.T) {
	dir := t.TempDir()
	res := runInitIn(t, dir, InitArgs{Skills: true})
	if res.Verdict != Written || res.ExitCode != 0 {
		t.Fatalf("first run: %s exit %d: %s", res.Verdict.Word(), res.ExitCode, res.Text)
	}
	want := map[string]string{}
	for _, n := range skills.Names() {
		b, _ := skills.File(n)
		want[filepath.Join(dir, ".claude", "skills", n, skills.FileName)] = string(b)
	}
	if got := initSnapshot(t, dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("init --skills wrote %v, want exactly the pack", keys(got))
	}
	mine := filepath.Join(dir, ".claude", "skills", "dos-resume", skills.FileName)
	os.WriteFile(mine, []byte("my own edit\n"), 0o644)
	res = runInitIn(t, dir, InitArgs{Skills: true})
	if res.Verdict != Exists || res.ExitCode != 1 {
		t.Errorf("second run: %s exit %d", res.Verdict.Word(), res.ExitCode)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my own edit\n" {
		t.Error("a second run without --force rewrote an existing skill")
	}
	res = runInitIn(t, dir, InitArgs{Skill: []string{"dos-resume"}, Force: true})
	orig, _ := skills.File("dos-resume")
	if b, _ := os.ReadFile(mine); !bytes.Equal(b, orig) || res.Verdict != Written {
		t.Errorf("--skill dos-resume --force did not restore it (%s)", res.Verdict.Word())
	}
	if _, err := os.Stat(filepath.Join(dir, "dos.toml")); err == nil {
		t.Error("--force with --skills wrote a dos.toml")
	}
}

// All or nothing: an unknown skill name is a usage error before anything
// is written, and --skills does not mix with --hooks.
func TestInitSkillsRefusesBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	env, _ := initTestEnv(dir)
	for _, a := range []InitArgs{
		{Skill: []string{"dos-resume", "no-such-skill"}},
		{Skills: true, Hooks: "claude-code"},
	} {
		_, err := Init.Run(context.Background(), env, &call.Input{Args: &a})
		var ue *call.UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%+v: %v, want a usage error", a, err)
		}
	}
	if got := initSnapshot(t, dir); len(got) != 0 {
		t.Errorf("a refused init --skills wrote %v", keys(got))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
