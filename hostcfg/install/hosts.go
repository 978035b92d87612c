package install

import (
	"fmt"
	"strings"
)

// HostInfo describes one host for `dos hosts`.
type HostInfo struct {
	Host    Host   `json:"host"`
	Title   string `json:"title"`
	Dialect string `json:"dialect"`
	// ProjectFiles are relative to the project root; UserFiles start with
	// ~/ (Codex's with $CODEX_HOME when it is set). The first of each is
	// the one dos writes.
	ProjectFiles []string    `json:"project_files"`
	UserFiles    []string    `json:"user_files"`
	Events       []EventInfo `json:"events"`
	// Timeout is the per-hook timeout dos writes, with its unit, or "".
	Timeout string   `json:"timeout"`
	Notes   []string `json:"notes"`
}

// EventInfo is one wired event and the verb it runs.
type EventInfo struct {
	Event string `json:"event"`
	Verb  Verb   `json:"verb"`
}

// Hosts lists every host, where it reads its hooks and what dos wires.
func Hosts() []HostInfo {
	var out []HostInfo
	for _, s := range Specs() {
		h := HostInfo{Host: s.Host, Title: s.Title, Dialect: string(s.Host), ProjectFiles: s.Project, Notes: s.Notes}
		for _, u := range s.User {
			h.UserFiles = append(h.UserFiles, "~/"+u)
		}
		for _, e := range s.Events {
			h.Events = append(h.Events, EventInfo{Event: e.Name, Verb: e.Verb})
		}
		if s.Timeout > 0 {
			h.Timeout = fmt.Sprintf("%d %s", s.Timeout, s.TimeoutUnit)
		}
		out = append(out, h)
	}
	return out
}

// HostsText renders [Hosts] for people, without a trailing newline.
func HostsText() string {
	var b strings.Builder
	for i, h := range Hosts() {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "%s (%s)\n", h.Host, h.Title)
		fmt.Fprintf(&b, "  project: %s\n", strings.Join(h.ProjectFiles, ", "))
		user := strings.Join(h.UserFiles, ", ")
		if h.Host == Codex {
			user += " (or $CODEX_HOME/…)"
		}
		fmt.Fprintf(&b, "  user:    %s (--global)\n", user)
		var evs []string
		for _, e := range h.Events {
			evs = append(evs, e.Event+"→"+string(e.Verb))
		}
		fmt.Fprintf(&b, "  events:  %s\n", strings.Join(evs, ", "))
		t := h.Timeout
		if t == "" {
			t = "host default"
		}
		fmt.Fprintf(&b, "  timeout: %s", t)
	}
	return b.String()
}
