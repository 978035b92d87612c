package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/dispatchos/dos/kernel/hook"
)

// Stream file bounds: a stream is read from its last streamTail bytes, and
// rewritten to the steps the classifier reads once it passes streamMax
// bytes.
const (
	streamTail = 64 << 10
	streamMax  = 256 << 10
)

// SessionFile turns a session key into a file name: every character
// outside [A-Za-z0-9_-] is dropped ("abc/../x" -> "abcx"); "" when
// nothing is left.
func SessionFile(key string) string {
	var b []byte
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

func (c *call) sessionKey() string {
	if c.r.SessionID != "" {
		return c.r.SessionID
	}
	return c.ev.SessionKey
}

func (c *call) posttool(ctx context.Context) (hook.Decision, error) {
	d, err := c.stream()
	if err != nil && !errors.Is(err, errSkip) {
		return d, err
	}
	if r := c.relayPreWarn(ctx, d); r.Action != hook.Allow {
		return r, nil
	}
	return d, err
}

// stream records the tool's result in the session's stream and flags a
// stream that repeats itself.
func (c *call) stream() (hook.Decision, error) {
	name := SessionFile(c.sessionKey())
	if name == "" {
		return hook.Decision{}, errSkip
	}
	dir, err := c.ws.EnsureDotDos()
	if err != nil {
		return hook.Decision{}, err
	}
	path := filepath.Join(dir, "streams", name+".jsonl")
	ts := c.ws.Config.ToolStream
	prior, torn, size, err := readStream(path, max(ts.StallN, ts.RepeatN, hook.DefaultStreamPolicy.StallN)+1)
	if err != nil {
		return hook.Decision{}, err
	}
	out := hook.Posttool(hook.PostInput{Event: c.ev, Prior: prior, RunID: c.r.Getenv("CID_RUN_ID"), Now: c.now,
		Policy: hook.StreamPolicy{RepeatN: ts.RepeatN, StallN: ts.StallN, IgnoreTools: ts.IgnoreTools}})
	if out.Append == nil {
		return hook.Decision{}, errSkip
	}
	line, err := json.Marshal(out.Append)
	if err != nil {
		return hook.Decision{}, err
	}
	if err := appendLine(path, line, torn); err != nil {
		return hook.Decision{}, err
	}
	if size > streamMax {
		trimStream(path, append(prior, *out.Append))
	}
	return out.Decision, nil
}

// readStream reads the last n readable steps of a stream file (the
// classifier never looks further back than stall_n), oldest first. torn
// reports a last line without its newline.
func readStream(path string, n int) (steps []hook.StreamRecord, torn bool, size int64, err error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, false, 0, nil
	}
	if err != nil {
		return nil, false, 0, fmt.Errorf("read stream: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false, 0, fmt.Errorf("read stream: %w", err)
	}
	size = fi.Size()
	off := max(0, size-streamTail)
	buf := make([]byte, size-off)
	if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
		return nil, false, 0, fmt.Errorf("read stream: %w", err)
	}
	torn = len(buf) > 0 && buf[len(buf)-1] != '\n'
	lines := bytes.Split(buf, []byte("\n"))
	if off > 0 && len(lines) > 0 {
		lines = lines[1:] // cut mid-line
	}
	for i := len(lines) - 1; i >= 0 && len(steps) < n; i-- {
		var r hook.StreamRecord
		if len(bytes.TrimSpace(lines[i])) == 0 || json.Unmarshal(lines[i], &r) != nil || !r.Readable() {
			continue
		}
		steps = append(steps, r)
	}
	slices.Reverse(steps)
	return steps, torn, size, nil
}

// appendLine appends one JSON line (one write, no fsync), ending a torn
// last line first so it stays its own unreadable line.
func appendLine(path string, line []byte, torn bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	b := append(line, '\n')
	if torn {
		b = append([]byte{'\n'}, b...)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	return cerr
}

// trimStream rewrites a long stream to its last steps (the classifier
// never looks further back than stall_n). A concurrent append may be lost
// in the swap; the stream is advisory.
func trimStream(path string, steps []hook.StreamRecord) {
	var buf bytes.Buffer
	for _, s := range steps {
		b, err := json.Marshal(s)
		if err != nil {
			return
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".stream.tmp*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}
