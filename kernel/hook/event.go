package hook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Moment is when in a turn a hook runs.
type Moment int

// The moments a hook serves.
const (
	// MomentNone is the zero value: not a hook event.
	MomentNone Moment = iota
	// MomentPre is before a tool call runs: the only place a call can be refused.
	MomentPre
	// MomentPost is after a tool call ran.
	MomentPost
	// MomentStop is when the agent wants to end its turn.
	MomentStop
)

var momentNames = [...]string{"none", "pretool", "posttool", "stop"}

// String returns the moment's verb name.
func (m Moment) String() string {
	if m < 0 || int(m) >= len(momentNames) {
		return fmt.Sprintf("moment(%d)", int(m))
	}
	return momentNames[m]
}

// MarshalText renders the moment as its name.
func (m Moment) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a moment name.
func (m *Moment) UnmarshalText(b []byte) error {
	for i, n := range momentNames {
		if n == string(b) {
			*m = Moment(i)
			return nil
		}
	}
	return fmt.Errorf("hook: unknown moment %q", b)
}

// Tool is a tool name in our vocabulary. It follows Claude Code's names;
// every host's own names are mapped onto these by hostcfg, and a tool we
// have no name for keeps the host's.
type Tool string

// The tools the deciders know.
const (
	ToolRead         Tool = "Read"
	ToolWrite        Tool = "Write"
	ToolEdit         Tool = "Edit"
	ToolMultiEdit    Tool = "MultiEdit"
	ToolNotebookEdit Tool = "NotebookEdit"
	ToolNotebookRead Tool = "NotebookRead"
	ToolBash         Tool = "Bash"
	ToolGrep         Tool = "Grep"
	ToolGlob         Tool = "Glob"
	ToolLS           Tool = "LS"
	ToolWebFetch     Tool = "WebFetch"
	ToolWebSearch    Tool = "WebSearch"
	ToolTodoWrite    Tool = "TodoWrite"
	// ToolApplyPatch is a patch in the V4A envelope ("*** Update File: x");
	// its input holds the patch text under "command".
	ToolApplyPatch Tool = "ApplyPatch"
	// ToolDelete removes the file at its path.
	ToolDelete Tool = "Delete"
)

// Input keys the deciders read.
const (
	// KeyFilePath, KeyPath and KeyNotebookPath name the file a file tool
	// touches (the first non-blank one wins).
	KeyFilePath     = "file_path"
	KeyPath         = "path"
	KeyNotebookPath = "notebook_path"
	// KeyCommand is a shell command line, or a patch for ApplyPatch.
	KeyCommand = "command"
	// KeyCwd is a shell tool's own working directory, relative to the
	// event's cwd when not absolute.
	KeyCwd = "cwd"
)

// Event is one host hook call, normalised. Input and Result are decoded
// with json.Number, so numbers keep the literal the host wrote.
type Event struct {
	// Moment is when the hook runs.
	Moment Moment `json:"moment"`
	// HostEvent is the host's own event name ("PreToolUse", "BeforeTool").
	HostEvent string `json:"host_event,omitempty"`
	// Tool is the tool in our vocabulary; empty at stop.
	Tool Tool `json:"tool,omitempty"`
	// HostTool is the tool as the host named it.
	HostTool string `json:"host_tool,omitempty"`
	// Input is the tool input object (never nil for a tool event).
	Input map[string]any `json:"input,omitempty"`
	// Result is the tool's result at posttool; HasResult says whether the
	// host sent one (a JSON null is no result).
	Result    any  `json:"result,omitempty"`
	HasResult bool `json:"has_result,omitempty"`
	// SessionKey identifies the agent session (session_id, conversation_id).
	SessionKey string `json:"session_key,omitempty"`
	// Cwd is the directory the host says the agent is in.
	Cwd string `json:"cwd,omitempty"`
	// TranscriptPath is the host's transcript file, if any.
	TranscriptPath string `json:"transcript_path,omitempty"`
	// LastMessage is the agent's final answer when the host sends it
	// inline; HasLastMessage says whether it did.
	LastMessage    string `json:"last_message,omitempty"`
	HasLastMessage bool   `json:"has_last_message,omitempty"`
	// StopHookActive is true when this stop follows one a stop hook
	// already blocked: it must be let through, never blocked again.
	StopHookActive bool `json:"stop_hook_active,omitempty"`
}

// InputString returns the input value under key when it is a string.
func (e Event) InputString(key string) string {
	s, _ := e.Input[key].(string)
	return s
}

// DecodeJSON decodes b with numbers kept as json.Number, the way events
// are decoded, so canonical digests see the literal the host wrote.
func DecodeJSON(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("hook: trailing data after the JSON value")
	}
	return v, nil
}
