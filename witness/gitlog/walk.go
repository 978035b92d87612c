package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// LogCommit is one commit from a history walk.
type LogCommit struct {
	Hash    [20]byte
	Time    int64  // committer time, Unix seconds
	Message string // the raw message (git's %B)
	// Tree is the commit's root tree; Parent its first parent (zero for a
	// root commit, or the boundary of a shallow clone).
	Tree, Parent [20]byte
}

// Walk streams the commits reachable from tip and not from any of exclude,
// newest first in git's default order, calling fn for each. It runs the git
// program once: this is the bulk walk that builds the verify index, where
// git is several times faster than a pure-Go walk.
//
// git writes into an unlinked temporary file that this process reads while
// it grows, not into a pipe: through a pipe git stalls on every 4 KiB it
// writes (about 60% slower on a 100,000-commit history, measured), while a
// file takes its output at full speed.
func Walk(ctx context.Context, dir, tip string, exclude []string, fn func(LogCommit) error) error {
	args := []string{"-C", dir, "-c", "log.showSignature=false", "log", "-z", "--no-color",
		"--no-decorate", "--format=%H %ct %T %P%n%B", tip}
	for _, e := range exclude {
		args = append(args, "^"+e)
	}
	args = append(args, "--")
	cmd := exec.CommandContext(ctx, "git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	w, r, done, err := spoolFile()
	if err != nil {
		return fmt.Errorf("git log: %w", err)
	}
	defer done()
	cmd.Stdout = w
	err = cmd.Start()
	w.Close()
	if err != nil {
		return fmt.Errorf("git log: %w", err)
	}
	exited := make(chan struct{})
	var werr error
	go func() {
		werr = cmd.Wait()
		close(exited)
	}()
	perr := parseLog(&follower{f: r, done: exited}, fn)
	if perr != nil && cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
	<-exited
	if perr != nil {
		return perr
	}
	if werr != nil {
		return fmt.Errorf("git log in %s: %w: %s", dir, werr, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}

// follower reads a file another process is still writing: at the end of
// the data it waits for more, until done is closed (the writer exited) and
// the last bytes are drained.
type follower struct {
	f        *os.File
	done     <-chan struct{}
	finished bool
	tick     *time.Timer
}

func (fl *follower) Read(p []byte) (int, error) {
	for {
		n, err := fl.f.Read(p)
		if n > 0 {
			return n, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if fl.finished {
			return 0, io.EOF
		}
		if fl.tick == nil {
			fl.tick = time.NewTimer(time.Millisecond)
		} else {
			fl.tick.Reset(time.Millisecond)
		}
		select {
		case <-fl.done:
			fl.finished = true // one more read drains what was written last
		case <-fl.tick.C:
		}
	}
}

// parseLog reads NUL-separated "<hash> <ctime> <tree> [<parent>...]\n<message>"
// records.
func parseLog(r io.Reader, fn func(LogCommit) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		rec, err := br.ReadSlice(0)
		if errors.Is(err, bufio.ErrBufferFull) {
			// A message larger than the buffer: gather it whole.
			full := append([]byte(nil), rec...)
			for errors.Is(err, bufio.ErrBufferFull) {
				rec, err = br.ReadSlice(0)
				full = append(full, rec...)
			}
			rec = full
		}
		if len(rec) > 0 {
			if rec[len(rec)-1] == 0 {
				rec = rec[:len(rec)-1]
			}
			if len(rec) > 0 {
				c, perr := parseRecord(rec)
				if perr != nil {
					return perr
				}
				if ferr := fn(c); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read git log: %w", err)
		}
	}
}

func parseRecord(rec []byte) (LogCommit, error) {
	var c LogCommit
	head, msg, _ := bytes.Cut(rec, []byte{'\n'})
	f := bytes.Fields(head)
	if len(f) < 3 || len(f[0]) != 40 || len(f[2]) != 40 {
		return c, fmt.Errorf("git log: malformed record header %q", head)
	}
	if _, err := hex.Decode(c.Hash[:], f[0]); err != nil {
		return c, fmt.Errorf("git log: bad hash %q: %w", f[0], err)
	}
	t, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return c, fmt.Errorf("git log: bad time %q: %w", f[1], err)
	}
	if _, err := hex.Decode(c.Tree[:], f[2]); err != nil {
		return c, fmt.Errorf("git log: bad tree %q: %w", f[2], err)
	}
	if len(f) > 3 {
		if _, err := hex.Decode(c.Parent[:], f[3]); len(f[3]) != 40 || err != nil {
			return c, fmt.Errorf("git log: bad parent %q", f[3])
		}
	}
	c.Time = t
	c.Message = string(msg)
	return c, nil
}
