package mcp

import (
	"context"
	"fmt"
	"strings"

	mcpgo "github.com/mark3labs/mcp-go/mcp"
)

// A prompt is a short recipe telling a model which dos tools to call, in
// what order, for one recurring question. It is offered only when every
// tool it names is served.
type prompt struct {
	name, title, description string
	// tools are the tools the recipe calls.
	tools []string
	args  []promptArg
	// text writes the recipe from the arguments (required ones present).
	text func(a map[string]string) string
}

type promptArg struct {
	name, description string
	required          bool
}

var wsArg = promptArg{name: "workspace", description: "the workspace directory (default: the server's)"}

var prompts = []prompt{
	{
		name: "verify_a_claim", title: "Verify a claim actually shipped",
		description: "Check an agent's claim that a unit of work is done against git, before accepting it.",
		tools:       []string{"dos_verify"},
		args: []promptArg{
			{name: "plan", description: "the plan or series id (AUTH)", required: true},
			{name: "phase", description: "the unit of work inside the plan (AUTH1)", required: true}, wsArg,
		},
		text: func(a map[string]string) string {
			return fmt.Sprintf("An agent claims that phase %s of plan %s is done. Do not take its word, or anyone's, for it: call dos_verify with plan=%q and phase=%q%s. "+
				"Report SHIPPED or NOT_SHIPPED as dos answered it, with the source (or the rung that refused the claim) and the commit sha. "+
				"If the source is grep-subject, say that the evidence is a commit subject the agent wrote, and check that commit with dos_commit_audit. "+
				"A NOT_SHIPPED answer means the work is not done, whatever the agent said.",
				a["phase"], a["plan"], a["plan"], a["phase"], wsClause(a))
		},
	},
	{
		name: "can_i_take_this_lane", title: "Can I safely take this lane?",
		description: "Ask, before starting work, whether a lane would collide with work already running.",
		tools:       []string{"dos_arbitrate"},
		args: []promptArg{
			{name: "lane", description: "the lane to take", required: true},
			{name: "tree", description: "comma-separated globs the work will write, when they differ from the lane's tree"}, wsArg,
		},
		text: func(a map[string]string) string {
			tree := ""
			if t := strings.TrimSpace(a["tree"]); t != "" {
				var globs []string
				for _, g := range strings.Split(t, ",") {
					if g = strings.TrimSpace(g); g != "" {
						globs = append(globs, fmt.Sprintf("%q", g))
					}
				}
				tree = ", tree=[" + strings.Join(globs, ", ") + "]"
			}
			return fmt.Sprintf("Before writing anything, call dos_arbitrate with lane=%q%s%s. It reads the live leases from the lane journal and decides; it records nothing. "+
				"If outcome is acquire, answer GO and name the lane. Otherwise answer STOP, quote the reason, and list the free lanes it names as alternatives. "+
				"GO is advice only: holding the lane is dos lease-lane acquire's job.",
				a["lane"], tree, wsClause(a))
		},
	},
	{
		name: "refuse_with_a_reason", title: "Refuse with a structured reason",
		description: "Refuse or park work with a reason from the workspace's closed vocabulary instead of free text.",
		tools:       []string{"dos_refuse_reasons", "dos_check_reason"},
		args: []promptArg{
			{name: "situation", description: "what is blocking the work, in a sentence", required: true}, wsArg,
		},
		text: func(a map[string]string) string {
			return fmt.Sprintf("You have to refuse or park some work. The situation: %s\n\n"+
				"Call dos_refuse_reasons%s and pick the one reason_class token whose summary fits. Confirm it with dos_check_reason (reason_class=<token>): only a known token may be emitted. "+
				"Refuse with exactly that token and its category. If no token fits, do not invent one: say so, and propose a [reasons.<TOKEN>] entry for dos.toml (category, refusal, summary, fix).",
				a["situation"], wsClause(a))
		},
	},
}

// wsClause is the workspace argument a recipe passes on, if one was given.
func wsClause(a map[string]string) string {
	if ws := strings.TrimSpace(a["workspace"]); ws != "" {
		return fmt.Sprintf(" (workspace=%q)", ws)
	}
	return ""
}

// addPrompts registers every prompt whose tools the server serves.
func (s *Server) addPrompts() {
	for _, p := range prompts {
		ok := true
		for _, t := range p.tools {
			ok = ok && s.serves(t)
		}
		if !ok {
			continue
		}
		opts := []mcpgo.PromptOption{mcpgo.WithPromptTitle(p.title), mcpgo.WithPromptDescription(p.description)}
		for _, a := range p.args {
			ao := []mcpgo.ArgumentOption{mcpgo.ArgumentDescription(a.description)}
			if a.required {
				ao = append(ao, mcpgo.RequiredArgument())
			}
			opts = append(opts, mcpgo.WithArgument(a.name, ao...))
		}
		s.MCP.AddPrompt(mcpgo.NewPrompt(p.name, opts...), func(_ context.Context, req mcpgo.GetPromptRequest) (*mcpgo.GetPromptResult, error) {
			args := req.Params.Arguments
			var missing []string
			for _, a := range p.args {
				if a.required && strings.TrimSpace(args[a.name]) == "" {
					missing = append(missing, a.name)
				}
			}
			if len(missing) > 0 {
				return nil, fmt.Errorf("prompt %s: missing required argument(s): %s", p.name, strings.Join(missing, ", "))
			}
			return mcpgo.NewGetPromptResult(p.title, []mcpgo.PromptMessage{
				mcpgo.NewPromptMessage(mcpgo.RoleUser, mcpgo.NewTextContent(p.text(args))),
			}), nil
		})
	}
}
