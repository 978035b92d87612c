package hostcfg

import (
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/hook"
)

// Name is a host's dialect name, as given to --dialect.
type Name string

// The hosts.
const (
	ClaudeCode  Name = "claude-code"
	Codex       Name = "codex"
	Gemini      Name = "gemini"
	Cursor      Name = "cursor"
	Antigravity Name = "antigravity"
)

// Host is one host's dialect.
type Host struct {
	Name Name
	// Aliases are other names --dialect accepts for this host.
	Aliases []string
	// Parse normalises one payload for a hook installed at moment want.
	// ok is false for anything that is not such an event: garbage, an
	// object of the wrong shape, an event for another moment.
	Parse func(raw []byte, want hook.Moment) (ev hook.Event, ok bool)
	// Render returns the exact bytes to print for a decision at a moment
	// (no trailing newline); nil means print nothing.
	Render func(m hook.Moment, d hook.Decision) []byte
	// ProjectFiles are the files under a project that hold this host's
	// hooks or can switch them off (slash globs relative to the project).
	ProjectFiles []string
	// UserFiles are the same under the user's home directory.
	UserFiles []string
	// PreWarnAfterTool is set for a host that drops a warning given before
	// a tool runs (Gemini CLI 0.61 reads no additionalContext at
	// BeforeTool, measured): posttool repeats it after the tool ran,
	// where the host appends it to the tool's result.
	PreWarnAfterTool bool
	// HomeEnv names a variable that moves the host's user directory
	// (Codex's $CODEX_HOME replaces ~/.codex); UserDir is that directory
	// relative to home.
	HomeEnv, UserDir string
}

// FailSafe is what to print when the hook cannot decide (bad input, a
// fault): the host's explicit allow, or nothing.
func (h *Host) FailSafe(m hook.Moment) []byte {
	if m == hook.MomentNone {
		m = hook.MomentPre
	}
	return h.Render(m, hook.Allowed)
}

// All returns every host, Claude Code first.
func All() []*Host {
	return []*Host{claudeHost, codexHost, geminiHost, cursorHost, antigravityHost}
}

// Lookup finds a host by name or alias, case-insensitively.
func Lookup(name string) (*Host, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, h := range All() {
		if string(h.Name) == n || slices.Contains(h.Aliases, n) {
			return h, true
		}
	}
	return nil, false
}

// ProjectFiles lists every host's project hook and settings files.
func ProjectFiles() []string {
	var out []string
	for _, h := range All() {
		for _, f := range h.ProjectFiles {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// UserPaths lists every host's user-level hook and settings files as
// absolute paths: under home, and also under a host's moved user
// directory when its variable is set (Codex's $CODEX_HOME).
func UserPaths(home string, getenv func(string) string) []string {
	var out []string
	add := func(p string) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, h := range All() {
		for _, f := range h.UserFiles {
			if home != "" {
				add(strings.TrimSuffix(home, "/") + "/" + f)
			}
			if h.HomeEnv == "" || getenv == nil {
				continue
			}
			if dir := getenv(h.HomeEnv); strings.HasPrefix(dir, "/") {
				if rest, ok := strings.CutPrefix(f, h.UserDir+"/"); ok {
					add(strings.TrimSuffix(dir, "/") + "/" + rest)
				}
			}
		}
	}
	return out
}

// UserFiles lists every host's user-level hook and settings files,
// relative to the home directory.
func UserFiles() []string {
	var out []string
	for _, h := range All() {
		for _, f := range h.UserFiles {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}
