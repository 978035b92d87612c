package gitlog

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
)

// ErrUnknownRevision is a revision git cannot resolve to a commit.
var ErrUnknownRevision = errors.New("unknown revision or not a commit")

// RevParse resolves any revision git understands (hashes and their
// prefixes, HEAD~1^, tags, main@{1}, ...) to the commit it names, with
// git rev-parse --verify. A revision git rejects is [ErrUnknownRevision].
func RevParse(ctx context.Context, dir, rev string) ([20]byte, error) {
	var h [20]byte
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == 1 && stderr.Len() == 0:
		return h, ErrUnknownRevision
	case errors.As(err, &ee) && ee.ExitCode() == 1:
		return h, fmt.Errorf("%w (%s)", ErrUnknownRevision, bytes.TrimSpace(stderr.Bytes()))
	case err != nil:
		return h, fmt.Errorf("git rev-parse: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	line := bytes.TrimSpace(out)
	if len(line) != 40 {
		return h, fmt.Errorf("git rev-parse: unexpected output %q", line)
	}
	if _, err := hex.Decode(h[:], line); err != nil {
		return h, fmt.Errorf("git rev-parse: unexpected output %q", line)
	}
	return h, nil
}
