package install

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/tailscale/hujson"
)

// Codex runs a project or user hook only once it is trusted: its review
// records [hooks.state."<file>:<event>:<group>:<handler>"] trusted_hash =
// "<hash>" in $CODEX_HOME/config.toml, and a hook without that record is
// skipped without a word. The hash is Codex's own (over its normalised form
// of the hook), so dos cannot check it; it can see a hook that has no
// record at all, or one switched off, and a project Codex does not trust.

// TrustState is what Codex has recorded for one dos hook.
type TrustState string

// The trust states.
const (
	// Untrusted: no trust recorded; Codex skips the hook.
	Untrusted TrustState = "untrusted"
	// Recorded: a trusted hash is recorded. If the command changed since,
	// Codex wants a new review; only Codex can tell.
	Recorded TrustState = "trust-recorded"
	// Disabled: the hook is switched off in Codex's hook state.
	Disabled TrustState = "disabled"
)

// CodexHook is one dos hook in a Codex hook file.
type CodexHook struct {
	File    string     `json:"file"`
	Event   string     `json:"event"`
	Key     string     `json:"key"`
	Command string     `json:"command"`
	State   TrustState `json:"state"`
}

// CodexTrust is what dos can see of Codex's trust in its hooks.
type CodexTrust struct {
	// Config is the Codex user config that holds trust records.
	Config string `json:"config"`
	// Project is the project directory inspected, and ProjectTrusted
	// whether Config marks it trusted (Codex loads no .codex/ file of an
	// untrusted project).
	Project        string      `json:"project"`
	ProjectTrusted bool        `json:"project_trusted"`
	Hooks          []CodexHook `json:"hooks"`
}

// InspectCodexTrust reads the Codex hook files of the project (o.Dir) and of
// the user, and Codex's trust records, and reports every dos hook found.
func InspectCodexTrust(o Options) (CodexTrust, error) {
	home := o.CodexHome
	if home == "" {
		if o.Home == "" {
			return CodexTrust{}, fmt.Errorf("install: no home directory to find Codex's config in")
		}
		home = filepath.Join(o.Home, ".codex")
	}
	t := CodexTrust{Config: filepath.Join(home, "config.toml"), Project: o.Dir}
	var cfg struct {
		Hooks struct {
			State map[string]struct {
				TrustedHash string `toml:"trusted_hash"`
				Enabled     *bool  `toml:"enabled"`
			} `toml:"state"`
		} `toml:"hooks"`
		Projects map[string]struct {
			TrustLevel string `toml:"trust_level"`
		} `toml:"projects"`
	}
	data, err := os.ReadFile(t.Config)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return t, fmt.Errorf("install: %w", err)
	}
	if err == nil {
		if err := toml.Unmarshal(data, &cfg); err != nil {
			return t, fmt.Errorf("install: %s: %w", t.Config, err)
		}
	}
	var files []string
	if o.Dir != "" {
		for _, d := range pathSpellings(o.Dir) {
			if p, ok := cfg.Projects[d]; ok && p.TrustLevel == "trusted" {
				t.ProjectTrusted = true
			}
		}
		files = append(files, filepath.Join(o.Dir, ".codex", "hooks.json"), filepath.Join(o.Dir, ".codex", "config.toml"))
	}
	files = append(files, filepath.Join(home, "hooks.json"), filepath.Join(home, "config.toml"))
	for _, f := range files {
		hooks, err := codexDosHooks(f)
		if err != nil {
			return t, err
		}
		for _, h := range hooks {
			suffix := h.Key
			h.Key, h.State = filepath.Clean(f)+suffix, Untrusted
			for _, spelling := range pathSpellings(f) {
				st, ok := cfg.Hooks.State[spelling+suffix]
				if !ok {
					continue
				}
				h.Key = spelling + suffix
				switch {
				case st.Enabled != nil && !*st.Enabled:
					h.State = Disabled
				case st.TrustedHash != "":
					h.State = Recorded
				}
				break
			}
			t.Hooks = append(t.Hooks, h)
		}
	}
	return t, nil
}

// pathSpellings returns p as given (cleaned) and with symlinks resolved.
func pathSpellings(p string) []string {
	p = filepath.Clean(p)
	out := []string{p}
	if real, err := filepath.EvalSymlinks(p); err == nil && real != p {
		out = append(out, real)
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		if r := filepath.Join(dir, filepath.Base(p)); r != p {
			out = append(out, r)
		}
	}
	return out
}

// codexDosHooks lists the dos hooks in one Codex hook file, each with the
// key suffix ":<event>:<group>:<handler>" Codex uses for it.
func codexDosHooks(path string) ([]CodexHook, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("install: %w", err)
	}
	var out []CodexHook
	add := func(event string, gi, hi int, cmd string) {
		v, ok := DosVerb(cmd)
		label, known := codexEventLabel(event)
		if !ok || !known || v == Marker {
			return
		}
		out = append(out, CodexHook{File: path, Event: event, Key: fmt.Sprintf(":%s:%d:%d", label, gi, hi), Command: cmd})
	}
	if filepath.Ext(path) == ".toml" {
		var doc map[string]any
		if toml.Unmarshal(data, &doc) != nil {
			return nil, nil // Codex cannot read it either
		}
		hooks, _ := doc["hooks"].(map[string]any)
		for _, e := range codexSpec.Events {
			groups, _ := hooks[e.Name].([]any)
			for gi, g := range groups {
				gm, _ := g.(map[string]any)
				hs, _ := gm["hooks"].([]any)
				for hi, h := range hs {
					hm, _ := h.(map[string]any)
					cmd, _ := hm["command"].(string)
					add(e.Name, gi, hi, cmd)
				}
			}
		}
		return out, nil
	}
	doc, err := hujson.Parse(data)
	if err != nil {
		return nil, nil
	}
	hooks := objectField(&doc, "hooks")
	if hooks == nil {
		return nil, nil
	}
	for _, e := range codexSpec.Events {
		ev := objectField(hooks, e.Name)
		if ev == nil {
			continue
		}
		arr, ok := ev.Value.(*hujson.Array)
		if !ok {
			continue
		}
		for gi := range arr.Elements {
			hs := objectField(&arr.Elements[gi], "hooks")
			if hs == nil {
				continue
			}
			ha, ok := hs.Value.(*hujson.Array)
			if !ok {
				continue
			}
			for hi := range ha.Elements {
				if c := objectField(&ha.Elements[hi], "command"); c != nil {
					if s, ok := stringValue(*c); ok {
						add(e.Name, gi, hi, s)
					}
				}
			}
		}
	}
	return out, nil
}

// Findings renders what needs the user's attention, one line each: an
// untrusted project holding dos hooks, and every dos hook Codex would skip.
func (t CodexTrust) Findings() []string {
	var out []string
	projectHooks := false
	for _, h := range t.Hooks {
		if t.Project != "" && strings.HasPrefix(h.File, filepath.Join(t.Project, ".codex")+string(filepath.Separator)) {
			projectHooks = true
		}
	}
	if projectHooks && !t.ProjectTrusted {
		out = append(out, fmt.Sprintf("codex: %s is not marked trusted in %s, so Codex loads none of its .codex/ files (trust the folder when codex asks)", t.Project, t.Config))
	}
	for _, h := range t.Hooks {
		switch h.State {
		case Untrusted:
			out = append(out, fmt.Sprintf("codex: the dos %s hook in %s is not trusted yet, so Codex skips it without a word; accept it in codex's /hooks review", h.Event, h.File))
		case Disabled:
			out = append(out, fmt.Sprintf("codex: the dos %s hook in %s is switched off in %s", h.Event, h.File, t.Config))
		}
	}
	return out
}
