package install

import (
	"fmt"
	"strings"
)

// Host names one agent host dos can wire.
type Host string

// The hosts. Their string values are the names users type after --hooks and
// the --dialect the hook binary is given.
const (
	ClaudeCode  Host = "claude-code"
	Cursor      Host = "cursor"
	Codex       Host = "codex"
	Gemini      Host = "gemini"
	Antigravity Host = "antigravity"
)

// Auto is the --hooks value that detects the hosts present.
const Auto = "auto"

// String returns the host name.
func (h Host) String() string { return string(h) }

// AllHosts lists the hosts in the order they are detected and printed.
func AllHosts() []Host {
	return []Host{ClaudeCode, Cursor, Codex, Gemini, Antigravity}
}

// ParseHost reads a host name. "claude" is accepted for claude-code.
func ParseHost(s string) (Host, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "claude" {
		return ClaudeCode, nil
	}
	for _, h := range AllHosts() {
		if string(h) == s {
			return h, nil
		}
	}
	return "", fmt.Errorf("install: unknown host %q (want one of %s, or %s)", s, hostNames(), Auto)
}

func hostNames() string {
	var names []string
	for _, h := range AllHosts() {
		names = append(names, string(h))
	}
	return strings.Join(names, ", ")
}

// Verb is a dos hook verb.
type Verb string

// The hook verbs the installers wire.
const (
	PreTool  Verb = "pretool"
	PostTool Verb = "posttool"
	Stop     Verb = "stop"
)

// Marker is the keep-alive stop verb; installers never write it, but they
// recognise it as dos's so that they leave it alone.
const Marker Verb = "marker"

// Shape says how one event's entries are laid out in a JSON file.
type Shape int

const (
	// Grouped events hold matcher groups: [{"matcher":…,"hooks":[handler…]}].
	Grouped Shape = iota
	// Flat events hold handlers directly: [{"command":…}].
	Flat
)

// Event is one host event dos wires.
type Event struct {
	// Name is the host's own event name ("PreToolUse", "BeforeTool").
	Name string
	// Verb is the dos hook verb the event runs.
	Verb Verb
	// Shape is the layout of the event's entries.
	Shape Shape
	// Matcher is written on a new group when non-empty (grouped events only).
	Matcher string
}

// Spec says where a host reads its hooks and how dos wires them.
type Spec struct {
	// Host is the host.
	Host Host
	// Title is the host's display name.
	Title string
	// Project lists the files the host reads in a project, relative to its
	// root; the first is the one dos writes.
	Project []string
	// User lists the user-level files, relative to $HOME; the first is the
	// one dos writes with --global.
	User []string
	// Container is the path of JSON object keys that holds the events
	// ("hooks" for most hosts, a named hook for Antigravity).
	Container []string
	// RootDefaults are top-level members added when absent (Cursor's version).
	RootDefaults []Member
	// Events are the events wired, in the order they are written.
	Events []Event
	// Type writes "type":"command" on each handler.
	Type bool
	// Timeout is written on each handler when non-zero, in TimeoutUnit.
	Timeout int
	// TimeoutUnit is "s" or "ms".
	TimeoutUnit string
	// Markers are the project paths (directories or files) whose presence
	// means the host is used here; Binaries and Env are the same for PATH
	// and the environment.
	Markers  []string
	Binaries []string
	Env      []string
	// Notes are printed after wiring.
	Notes []string
}

// Member is a top-level JSON member given as its JSON text.
type Member struct {
	Name string
	JSON string
}

// SpecFor returns the spec of h.
func SpecFor(h Host) (Spec, bool) {
	switch h {
	case ClaudeCode:
		return claudeSpec, true
	case Cursor:
		return cursorSpec, true
	case Codex:
		return codexSpec, true
	case Gemini:
		return geminiSpec, true
	case Antigravity:
		return antigravitySpec, true
	}
	return Spec{}, false
}

// Specs returns every host's spec, in [AllHosts] order.
func Specs() []Spec {
	var out []Spec
	for _, h := range AllHosts() {
		s, _ := SpecFor(h)
		out = append(out, s)
	}
	return out
}

// HookFiles lists every file, relative to the project root or to $HOME,
// that a host reads hooks from and that dos may write: the files an agent
// must not be allowed to edit.
func HookFiles() (project, user []string) {
	for _, s := range Specs() {
		project = append(project, s.Project...)
		user = append(user, s.User...)
	}
	return project, user
}
