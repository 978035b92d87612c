package mcp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	mcpgo "github.com/mark3labs/mcp-go/mcp"

	"github.com/dispatchos/dos/call"
)

// Structured is the structured content of an answer: the object
// `dos <verb> --json --explain` prints (syscall, verdict, exit_code and
// interpretation included), or for a list answer the [ItemsKey] envelope
// around the list the CLI prints.
func Structured(res *call.Result) (map[string]json.RawMessage, error) {
	obj, err := res.Object(true)
	if err != nil {
		return nil, err
	}
	if obj != nil {
		return obj, nil
	}
	list, err := res.JSON(true)
	if err != nil {
		return nil, err
	}
	obj = map[string]json.RawMessage{ItemsKey: list}
	put := func(k string, v any) {
		b, _ := json.Marshal(v)
		obj[k] = b
	}
	put("syscall", res.Syscall)
	if !res.Verdict.IsZero() {
		put("verdict", res.Verdict.Word())
	}
	put("exit_code", res.ExitCode)
	if res.Interpretation != "" {
		put("interpretation", res.Interpretation)
	}
	return obj, nil
}

// answer lays out a verb's answer for a host: a first text block with the
// verdict line and its interpretation (what a person or a model reads
// first), a second with the structured content as indented JSON that is
// not HTML-escaped (hosts that ignore structured content still get every
// field), and the structured content itself.
func answer(res *call.Result) (*mcpgo.CallToolResult, error) {
	obj, err := Structured(res)
	if err != nil {
		return nil, err
	}
	js, err := indent(obj)
	if err != nil {
		return nil, err
	}
	var content []mcpgo.Content
	var lead []string
	if res.Text != "" {
		lead = append(lead, res.Text)
	}
	if res.Interpretation != "" {
		lead = append(lead, res.Interpretation)
	}
	if len(lead) > 0 {
		content = append(content, mcpgo.NewTextContent(strings.Join(lead, "\n")))
	}
	content = append(content, mcpgo.NewTextContent(js))
	return &mcpgo.CallToolResult{Content: content, StructuredContent: obj}, nil
}

// failure is the answer to a broken contract (bad or missing arguments, a
// missing workspace) or a failing handler: isError, the one line the CLI
// prints on stderr (with its hint lines) as text, and the same facts as
// structured content: {"error", "hints"?, "syscall", "exit_code": 2}.
func failure(d *call.Def, err error) *mcpgo.CallToolResult {
	obj := map[string]any{"error": strings.TrimSpace(err.Error()), "syscall": d.Path, "exit_code": call.ExitUsage}
	if h := call.Hints(err); len(h) > 0 {
		obj["hints"] = h
	}
	return &mcpgo.CallToolResult{
		Content:           []mcpgo.Content{mcpgo.NewTextContent(call.ErrorText(err))},
		StructuredContent: obj,
		IsError:           true,
	}
}

// Stalled is the typed answer of a call that ran past its deadline.
type Stalled struct {
	// Verdict is always "STALLED".
	Verdict string `json:"verdict"`
	// Tool and Syscall name what was called.
	Tool    string `json:"tool"`
	Syscall string `json:"syscall"`
	// DeadlineMS is the deadline that passed.
	DeadlineMS int64 `json:"deadline_ms"`
	// Reason says what happened; Fallback how to get the answer anyway;
	// Advice what not to do.
	Reason   string `json:"reason"`
	Fallback string `json:"fallback"`
	Advice   string `json:"advice"`
}

// stalled is the answer of a call past its deadline: isError (it is not
// the tool's answer, and carries none of its fields, so a client reading
// shipped from it cannot mistake it for one), with a [Stalled] object.
func stalled(d *call.Def, ms int64) *mcpgo.CallToolResult {
	s := Stalled{
		Verdict: "STALLED", Tool: d.ToolName(), Syscall: d.Path, DeadlineMS: ms,
		Reason: fmt.Sprintf("tool %s exceeded its %d ms deadline and was cancelled (its child processes with it); "+
			"the usual cause is a slow repository or a lock another process holds", d.ToolName(), ms),
		Fallback: fmt.Sprintf("ask the same question with the CLI, which has no deadline: dos %s ... --json", d.Path),
		Advice: "advisory: this is no verdict either way; do not treat it as a yes or a no, and do not retry in a tight loop " +
			"(raise DOS_MCP_TOOL_DEADLINE_MS for this server, or 0 for none, if the repository is simply large)",
	}
	js, _ := indent(s)
	return &mcpgo.CallToolResult{
		Content: []mcpgo.Content{
			mcpgo.NewTextContent("STALLED " + d.ToolName() + ": " + s.Reason),
			mcpgo.NewTextContent(js),
		},
		StructuredContent: s,
		IsError:           true,
	}
}

// indent encodes v as indented JSON, without HTML escaping (glosses such
// as "<id>" stay readable) and without a trailing newline.
func indent(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encode answer: %w", err)
	}
	return strings.TrimRight(b.String(), "\n"), nil
}
