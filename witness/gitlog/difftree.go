package gitlog

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"sync"
	"time"
)

// Footprinter lists the paths a commit changed against its first parent
// (against the empty tree for a root commit), a rename as a deletion and
// an addition. An empty list means the commit's tree equals its parent's.
type Footprinter interface {
	ChangedPaths(h [20]byte) ([]string, error)
}

// ErrNoCommit is a hash that names no commit of the repository.
var ErrNoCommit = errors.New("no such commit")

// idleStop is how long a DiffTree keeps its git process without a
// question.
var idleStop = 250 * time.Millisecond

// DiffTree is a [Footprinter] backed by one `git diff-tree --stdin`
// process: started at the first question, kept while questions come (a
// plan over many phases asks one per shipped candidate) and stopped after
// idleStop without one or at [DiffTree.Close]. It is safe for concurrent
// use.
type DiffTree struct {
	dir  string
	mu   sync.Mutex
	p    *diffProc
	idle *time.Timer
}

var _ Footprinter = (*DiffTree)(nil)

// NewDiffTree returns a DiffTree for the repository holding dir; it starts
// no process until asked.
func NewDiffTree(dir string) *DiffTree { return &DiffTree{dir: dir} }

// ChangedPaths lists the paths commit h changed against its first parent,
// in git's order; [ErrNoCommit] when the repository has no such commit.
func (d *DiffTree) ChangedPaths(h [20]byte) ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.p == nil {
		p, err := startDiffTree(d.dir)
		if err != nil {
			return nil, err
		}
		d.p = p
	}
	paths, err := d.p.ask(h)
	if err != nil && !errors.Is(err, ErrNoCommit) {
		d.p.kill()
		d.p = nil
		return nil, err
	}
	if d.idle == nil {
		d.idle = time.AfterFunc(idleStop, d.stopIdle)
	} else {
		d.idle.Reset(idleStop)
	}
	return paths, err
}

// Close stops the git process, if one runs. The DiffTree may still be
// asked; it starts a new one.
func (d *DiffTree) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.idle != nil {
		d.idle.Stop()
	}
	if d.p == nil {
		return nil
	}
	err := d.p.stop()
	d.p = nil
	return err
}

func (d *DiffTree) stopIdle() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.p != nil {
		_ = d.p.stop()
		d.p = nil
	}
}

// diffProc is one running git diff-tree --stdin. After each hash it is
// sent a sentinel line, which git echoes unchanged after the commit's
// paths: the end of one answer, whatever the paths hold (-z leaves them
// unquoted, so they may hold newlines, but never a NUL).
type diffProc struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	stderr   bytes.Buffer
	sentinel []byte
	buf      []byte
}

func startDiffTree(dir string) (*diffProc, error) {
	// --always prints the commit's id even when nothing changed, so a
	// missing commit (no id at all) is told apart from an empty one.
	// --diff-merges=first-parent needs git 2.31.
	p := &diffProc{cmd: exec.Command("git", "-C", dir, "diff-tree", "--stdin", "-r", "-z", "--root", "--always",
		"--no-renames", "--name-only", "--diff-merges=first-parent")}
	p.sentinel = fmt.Appendf(nil, "dos-footprint-end-%016x\n", rand.Uint64())
	p.cmd.Stderr = &p.stderr
	var err error
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("git diff-tree: %w", err)
	}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git diff-tree: %w", err)
	}
	p.out = bufio.NewReaderSize(out, 64<<10)
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("git diff-tree: %w", err)
	}
	return p, nil
}

func (p *diffProc) ask(h [20]byte) ([]string, error) {
	p.buf = hex.AppendEncode(p.buf[:0], h[:])
	p.buf = append(append(p.buf, '\n'), p.sentinel...)
	if _, err := p.in.Write(p.buf); err != nil {
		return nil, p.fail(err)
	}
	end, err := p.atSentinel()
	if err != nil {
		return nil, p.fail(err)
	}
	if end {
		return nil, fmt.Errorf("%x: %w", h, ErrNoCommit)
	}
	id, err := p.out.ReadString(0)
	if err != nil {
		return nil, p.fail(err)
	}
	if id[:len(id)-1] != string(p.buf[:40]) {
		return nil, p.fail(fmt.Errorf("answer for %q, asked for %x", id, h))
	}
	paths := []string{}
	for {
		if end, err := p.atSentinel(); err != nil {
			return nil, p.fail(err)
		} else if end {
			return paths, nil
		}
		path, err := p.out.ReadString(0)
		if err != nil {
			return nil, p.fail(err)
		}
		paths = append(paths, path[:len(path)-1])
	}
}

// atSentinel consumes the sentinel if it comes next. Every answer ends
// with it, so waiting for that many bytes never waits for nothing.
func (p *diffProc) atSentinel() (bool, error) {
	b, err := p.out.Peek(len(p.sentinel))
	if err != nil {
		return false, err
	}
	if !bytes.Equal(b, p.sentinel) {
		return false, nil
	}
	_, err = p.out.Discard(len(p.sentinel))
	return true, err
}

// fail stops the process and explains err with what git said.
func (p *diffProc) fail(err error) error {
	p.kill()
	if msg := bytes.TrimSpace(p.stderr.Bytes()); len(msg) > 0 {
		return fmt.Errorf("git diff-tree: %w: %s", err, msg)
	}
	return fmt.Errorf("git diff-tree: %w", err)
}

// kill ends the process at once; safe to call twice.
func (p *diffProc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.in.Close()
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
}

// stop ends the process the polite way: git exits at the end of its
// input.
func (p *diffProc) stop() error {
	if p.cmd.ProcessState != nil {
		return nil
	}
	p.in.Close()
	return p.cmd.Wait()
}
