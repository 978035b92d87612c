package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	mcpgo "github.com/mark3labs/mcp-go/mcp"

	"github.com/dispatchos/dos/call"
)

// A resource is a markdown page made from one syscall's answer, so it
// reads the very code the tool of that syscall runs.
type resource struct {
	name, title, description string
	// path is the syscall whose JSON answer the page is made from.
	path string
	// render makes the page from that answer.
	render func(obj map[string]json.RawMessage) (string, error)
}

var resources = []resource{
	{
		name: "reasons", title: "Refusal vocabulary", path: "reasons", render: renderReasons,
		description: "The refusal reasons (reason_class tokens) this workspace recognises, with category and fix; the same registry dos_refuse_reasons lists.",
	},
	{
		name: "lanes", title: "Lane taxonomy", path: "doctor", render: renderLanes,
		description: "The lanes of this workspace (concurrent, exclusive, auto-pick order) and the tree each may write; the same taxonomy dos_arbitrate decides with.",
	},
}

// addResources registers dos://<name> (the default workspace) and
// dos://<name>/{workspace} (a workspace given as one percent-encoded path
// segment: dos://lanes/%2Fsrv%2Frepo) for every resource whose syscall the
// registry holds.
func (s *Server) addResources() {
	for _, r := range resources {
		if s.reg.Lookup(r.path) == nil {
			continue
		}
		s.MCP.AddResource(mcpgo.NewResource("dos://"+r.name, r.title,
			mcpgo.WithResourceDescription(r.description+" Workspace: the server's --workspace, else $DISPATCH_WORKSPACE, else the server's directory."),
			mcpgo.WithMIMEType("text/markdown")),
			func(ctx context.Context, req mcpgo.ReadResourceRequest) ([]mcpgo.ResourceContents, error) {
				return s.readResource(ctx, r, req.Params.URI, "")
			})
		s.MCP.AddResourceTemplate(mcpgo.NewResourceTemplate("dos://"+r.name+"/{workspace}", r.title+" (any workspace)",
			mcpgo.WithTemplateDescription(r.description+" The workspace is one percent-encoded path segment (dos://"+r.name+"/%2Fsrv%2Frepo)."),
			mcpgo.WithTemplateMIMEType("text/markdown")),
			func(ctx context.Context, req mcpgo.ReadResourceRequest) ([]mcpgo.ResourceContents, error) {
				ws, err := templateWorkspace(req.Params.Arguments["workspace"])
				if err != nil {
					return nil, err
				}
				return s.readResource(ctx, r, req.Params.URI, ws)
			})
	}
}

// templateWorkspace reads the {workspace} variable of a template URI.
func templateWorkspace(v any) (string, error) {
	var raw string
	switch x := v.(type) {
	case string:
		raw = x
	case []string:
		if len(x) > 0 {
			raw = x[0]
		}
	}
	ws, err := url.PathUnescape(raw)
	if err != nil || ws == "" {
		return "", fmt.Errorf("the workspace in the URI must be one percent-encoded path segment, got %q", raw)
	}
	return ws, nil
}

func (s *Server) readResource(ctx context.Context, r resource, uri, ws string) ([]mcpgo.ResourceContents, error) {
	d := s.reg.Lookup(r.path)
	in := d.NewInput()
	in.Common.Workspace = ws
	res, err := s.run(ctx, d, in)
	if errors.Is(err, errStalled) {
		return nil, fmt.Errorf("dos://%s: stalled past the %d ms deadline", r.name, s.cfg.Deadline.Milliseconds())
	}
	if err != nil {
		return nil, errors.New(call.ErrorText(err))
	}
	obj, err := res.Object(false)
	if err != nil || obj == nil {
		return nil, fmt.Errorf("dos://%s: %s answered no object: %v", r.name, r.path, err)
	}
	text, err := r.render(obj)
	if err != nil {
		return nil, fmt.Errorf("dos://%s: %w", r.name, err)
	}
	return []mcpgo.ResourceContents{mcpgo.TextResourceContents{URI: uri, MIMEType: "text/markdown", Text: text}}, nil
}

// renderReasons lays out reasons's answer: a heading per token with its
// category (and ", advisory-only" for a reason that does not refuse), its
// summary and its fix.
func renderReasons(obj map[string]json.RawMessage) (string, error) {
	var root string
	var list []struct {
		Token, Category, Summary, Fix string
		Refusal                       bool
	}
	if err := errors.Join(json.Unmarshal(obj["workspace"], &root), json.Unmarshal(obj["reasons"], &list)); err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# DOS refusal vocabulary — %s\n\n", root)
	b.WriteString("A refusal carries exactly one of these reason_class tokens. A token not listed is UNCLASSIFIED and treated as a refusal; declare new ones under [reasons.<TOKEN>] in dos.toml.\n\n")
	for _, r := range list {
		flag := ""
		if !r.Refusal {
			flag = ", advisory-only"
		}
		fmt.Fprintf(&b, "## `%s`  (%s%s)\n", r.Token, r.Category, flag)
		if r.Summary != "" {
			b.WriteString(r.Summary + "\n")
		}
		if r.Fix != "" {
			b.WriteString("- **fix:** " + r.Fix + "\n")
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

// renderLanes lays out the lanes section of doctor's answer: the lane
// kinds, the auto-pick order, and each lane's tree.
func renderLanes(obj map[string]json.RawMessage) (string, error) {
	var root string
	var lanes struct {
		Concurrent, Exclusive, Autopick []string
		Trees                           map[string][]string
	}
	if err := errors.Join(json.Unmarshal(obj["state_root"], &root), json.Unmarshal(obj["lanes"], &lanes)); err != nil {
		return "", err
	}
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "(none)"
		}
		return strings.Join(xs, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# DOS lane taxonomy — %s\n\n", root)
	b.WriteString("A concurrent lane admits agents whose trees do not overlap; an exclusive lane admits one agent and nothing else meanwhile. Ask dos_arbitrate before starting work on a lane.\n\n")
	fmt.Fprintf(&b, "- **concurrent:** %s\n- **exclusive:** %s\n- **autopick order:** %s\n\n## Trees\n\n", list(lanes.Concurrent), list(lanes.Exclusive), list(lanes.Autopick))
	names := slices.Concat(lanes.Concurrent, lanes.Exclusive)
	for n := range lanes.Trees {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		tree := "(no tree declared)"
		if t := lanes.Trees[n]; len(t) > 0 {
			tree = strings.Join(t, ", ")
		}
		fmt.Fprintf(&b, "- `%s`: %s\n", n, tree)
	}
	return b.String(), nil
}
