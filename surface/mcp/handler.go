package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	mcpgo "github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/dispatchos/dos/call"
)

// errStalled marks a call that ran past the server's deadline.
var errStalled = errors.New("deadline passed")

// handler is the one tool handler every tool shares: decode the arguments
// as the registry declares them, run d, lay the answer out. Nothing in it
// depends on which syscall d is.
func (s *Server) handler(d *call.Def) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcpgo.CallToolRequest) (*mcpgo.CallToolResult, error) {
		start := time.Now()
		res, ws, err := s.call(ctx, d, req.Params.Arguments)
		var out *mcpgo.CallToolResult
		outcome := ""
		switch {
		case errors.Is(err, errStalled):
			out, outcome = stalled(d, s.cfg.Deadline.Milliseconds()), "STALLED"
		case err != nil:
			out, outcome = failure(d, err), "error"
		default:
			out, err = answer(res)
			if err != nil {
				out, outcome = failure(d, err), "error"
			} else {
				outcome = res.Verdict.Word()
				if outcome == "" {
					outcome = "answered"
				}
			}
		}
		ev := s.log.Info()
		if out.IsError {
			ev = s.log.Warn()
			if err != nil {
				ev = ev.AnErr("reason", err)
			}
		}
		ev.Str("tool", d.ToolName()).Str("workspace", ws).
			Float64("duration_ms", float64(time.Since(start).Microseconds())/1000).
			Str("outcome", outcome).Msg("tool call")
		return out, nil
	}
}

// call decodes args for d and runs it under the server's deadline. ws is
// the workspace argument as given (for the log).
func (s *Server) call(ctx context.Context, d *call.Def, args any) (*call.Result, string, error) {
	raw, err := json.Marshal(args)
	if err != nil {
		return nil, "", &call.UsageError{Msg: fmt.Sprintf("%s: arguments cannot be read: %v", d.Path, err)}
	}
	in, err := d.DecodeJSON(raw)
	if err != nil {
		return nil, "", err
	}
	if s.cfg.ReadOnly {
		forceSafe(in.Args)
	}
	res, err := s.run(ctx, d, in)
	return res, in.Common.Workspace, err
}

// forceSafe sets every safe boolean of args (see [call.Field]).
func forceSafe(args any) {
	for _, f := range call.Fields(args) {
		if f.Safe {
			call.FieldValue(args, f).SetBool(true)
		}
	}
}

// run runs d on its own goroutine and waits at most the deadline. Past it,
// the call's context is cancelled (which kills the git and acceptance
// children it started) and the answer is [errStalled]; the server goes on
// serving. A panic in the handler is an error answer, never a crash.
func (s *Server) run(ctx context.Context, d *call.Def, in *call.Input) (*call.Result, error) {
	if s.cfg.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.cfg.Deadline)
		defer cancel()
	}
	type outcome struct {
		res *call.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{err: fmt.Errorf("%s: internal error: %v", d.Path, r)}
			}
		}()
		res, err := d.Run(ctx, s.base, in)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errStalled
		}
		return o.res, o.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, errStalled
		}
		return nil, fmt.Errorf("%s: call cancelled: %w", d.Path, ctx.Err())
	}
}
