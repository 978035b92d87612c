// Package usagein reads a provider's usage record for the verbs that take
// one (--usage-json PATH or - on the CLI, usage as JSON text over MCP).
package usagein

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/usage"
)

// maxUsageBytes bounds a usage input (a long transcript fits).
const maxUsageBytes = 256 << 20

// Read reads the usage record given as a path (or - for stdin) on the
// CLI, or inline as JSON text over MCP. No input is nil; a malformed one is
// a usage error (exit 2).
func Read(env *call.Env, path, inline string) (*usage.Breakdown, error) {
	var data []byte
	var where string
	switch {
	case path != "" && inline != "":
		return nil, call.Usagef("give the usage record once: --usage-json or usage, not both")
	case inline != "":
		data, where = []byte(inline), "usage"
	case path == "-":
		if env.Stdin == nil {
			return nil, call.Usagef("--usage-json -: there is no standard input")
		}
		b, err := io.ReadAll(io.LimitReader(env.Stdin, maxUsageBytes+1))
		if err != nil {
			return nil, call.Usagef("--usage-json -: %v", err)
		}
		data, where = b, "standard input"
	case path != "":
		p := path
		if !filepath.IsAbs(p) && env.WorkDir() != "" {
			p = filepath.Join(env.WorkDir(), p)
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, call.Usagef("--usage-json: %v", err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxUsageBytes+1))
		if err != nil {
			return nil, call.Usagef("--usage-json: %v", err)
		}
		data, where = b, path
	default:
		return nil, nil
	}
	if len(data) > maxUsageBytes {
		return nil, call.Usagef("the usage record in %s is larger than %d MiB", where, maxUsageBytes>>20)
	}
	b, err := usage.Parse(data)
	if err != nil {
		return nil, &call.UsageError{Msg: fmt.Sprintf("the usage record in %s: %s", where, strings.TrimPrefix(err.Error(), "usage: ")),
			Hints: []string{"give a provider's usage object (input_tokens..., prompt_tokens..., usageMetadata) or a Claude Code, Codex or Gemini record"}}
	}
	return &b, nil
}
