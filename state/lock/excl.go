package lock

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// Body is what an O_EXCL lock file says about its holder.
type Body struct {
	Owner      string
	AcquiredAt string
	PID        int
}

// Bytes renders the three-line body: "owner: …", "acquired_at: …", "pid: …".
func (b Body) Bytes() []byte {
	return fmt.Appendf(nil, "owner: %s\nacquired_at: %s\npid: %d\n", b.Owner, b.AcquiredAt, b.PID)
}

// ParseBody reads "key: value" lines (split at the first colon, both sides
// trimmed). Unknown keys are ignored.
func ParseBody(b []byte) Body {
	var out Body
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "owner":
			out.Owner = v
		case "acquired_at":
			out.AcquiredAt = v
		case "pid":
			out.PID, _ = strconv.Atoi(v)
		}
	}
	return out
}

// Holder is a lock file as read: its body and when it was last written.
type Holder struct {
	Body
	// ModTime is the file's modification time.
	ModTime time.Time
}

// Age is how old the lock is at now: by its acquired_at stamp, or, when
// the stamp cannot be read (an empty body left by a writer that died
// between creating the file and writing it), by the file's modification
// time, so such a lock goes stale like any other. known is false only in
// the second case.
func (h Holder) Age(now time.Time) (age time.Duration, known bool) {
	if t, ok := lease.ParseStamp(h.AcquiredAt); ok {
		return now.Sub(t), true
	}
	return now.Sub(h.ModTime), false
}

// maxBody bounds what is read of a lock file.
const maxBody = 4 << 10

// Excl is a lock file in the reference's create-exclusive protocol: the
// lock is held while the file exists, and the file says who holds it.
// dos only ever publishes a complete body (written to a private temp file,
// fsynced, then hard-linked into place, which fails if the lock exists),
// so a lock dos wrote is never empty, even after a SIGKILL at any moment.
type Excl struct {
	Path string
	// Transient marks a lock held for milliseconds around one write (the
	// reference's lane-lease lock): it is published without fsync, since
	// a machine that crashes while holding it should lose it anyway, and
	// the journal's hot path (a hook on every tool call) pays no flush.
	Transient bool
}

// Read returns the lock's holder; ok is false when there is no lock. A
// lock file that is a symlink is refused.
func (e Excl) Read() (h Holder, ok bool, err error) {
	return readHolder(e.Path)
}

func readHolder(path string) (Holder, bool, error) {
	f, err := safefile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Holder{}, false, nil
	}
	if err != nil {
		return Holder{}, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Holder{}, false, err
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxBody))
	if err != nil {
		return Holder{}, false, err
	}
	return Holder{Body: ParseBody(raw), ModTime: fi.ModTime()}, true, nil
}

// tempPrefix is the name prefix of e's private temp files.
func (e Excl) tempPrefix() string {
	return "." + filepath.Base(e.Path) + ".tmp."
}

// writeTemp writes b to a new private temp file beside the lock, fsynced.
func (e Excl) writeTemp(b Body) (string, error) {
	if err := os.MkdirAll(filepath.Dir(e.Path), 0o755); err != nil {
		return "", err
	}
	tmp := filepath.Join(filepath.Dir(e.Path), fmt.Sprintf("%s%d.%012x", e.tempPrefix(), os.Getpid(), rand.Uint64()>>16))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(b.Bytes())
	if werr == nil && !e.Transient {
		werr = f.Sync()
	}
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// Publish creates the lock with body b; it fails with fs.ErrExist when
// the lock is held. This is the only way dos makes a lock: the body is
// complete before the name appears.
func (e Excl) Publish(b Body) error {
	tmp, err := e.writeTemp(b)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	err = os.Link(tmp, e.Path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		if err == nil && !e.Transient {
			syncDir(filepath.Dir(e.Path))
		}
		return err
	}
	// No hard links on this file system: create exclusively and write.
	// A crash here can leave an empty lock, which goes stale by its
	// modification time (Holder.Age).
	return e.createWrite(b)
}

// createWrite is the O_CREAT|O_EXCL create-then-write fallback.
func (e Excl) createWrite(b Body) error {
	f, err := os.OpenFile(e.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b.Bytes())
	if werr == nil {
		werr = f.Sync()
	}
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(e.Path)
		return err
	}
	return nil
}

// Replace rewrites the body atomically (temp file, fsync, rename): the
// re-entrant refresh by the same owner. A lock that is a symlink is
// refused.
func (e Excl) Replace(b Body) error {
	if err := safefile.Refuse(e.Path); err != nil {
		return err
	}
	tmp, err := e.writeTemp(b)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, e.Path); err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(e.Path))
	return nil
}

// Steal replaces a lock whose body was judged stale with mine, by
// compare-and-swap on the body's value (the reference's protocol): move
// the lock to a private name, check it is still the body judged stale,
// delete it and publish mine. A lock that changed meanwhile is put back
// only where no new lock has appeared (a hard link, which never replaces),
// so a stealer that loses never clobbers a lock someone else has just
// made. Among dos processes, callers serialise steals under an flock as
// well, so exactly one wins.
func (e Excl) Steal(stale Body, mine Body) (bool, error) {
	if err := safefile.Refuse(e.Path); err != nil {
		return false, err
	}
	grab := filepath.Join(filepath.Dir(e.Path), fmt.Sprintf(".%s.steal.%d.%d", filepath.Base(e.Path), os.Getpid(), time.Now().UnixNano()))
	if err := os.Rename(e.Path, grab); err != nil {
		return false, nil
	}
	got, _, err := readHolder(grab)
	if err != nil || got.Owner != stale.Owner || got.AcquiredAt != stale.AcquiredAt {
		if os.Link(grab, e.Path) != nil && safefile.Refuse(e.Path) == nil {
			if _, lerr := os.Lstat(e.Path); errors.Is(lerr, fs.ErrNotExist) {
				os.Rename(grab, e.Path)
			}
		}
		os.Remove(grab)
		return false, nil
	}
	os.Remove(grab)
	if err := e.Publish(mine); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// Remove deletes the lock; a missing lock is not an error.
func (e Excl) Remove() error {
	err := os.Remove(e.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// SweepTemps removes the temp files dos writers of this lock left when
// they were killed mid-publish. Call it only while holding the flock that
// every dos writer of this lock takes, so no live writer's temp is swept.
// (Steal files are left alone: the reference names its own the same way.)
func (e Excl) SweepTemps() {
	dir := filepath.Dir(e.Path)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, d := range ents {
		if strings.HasPrefix(d.Name(), e.tempPrefix()) {
			os.Remove(filepath.Join(dir, d.Name()))
		}
	}
}

// syncDir fsyncs a directory so a new name in it is durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
