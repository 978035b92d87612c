package lock

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
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

// Excl is an O_EXCL lock file.
type Excl struct {
	Path string
}

// Read returns the lock's body; ok is false when there is no lock.
func (e Excl) Read() (b Body, ok bool, err error) {
	raw, err := os.ReadFile(e.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return Body{}, false, nil
	}
	if err != nil {
		return Body{}, false, err
	}
	return ParseBody(raw), true, nil
}

// Create makes the lock with body b; it fails with fs.ErrExist when the
// lock is held. This is the only way a lock is born.
func (e Excl) Create(b Body) error {
	if err := os.MkdirAll(filepath.Dir(e.Path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(e.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b.Bytes())
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		os.Remove(e.Path)
		return err
	}
	return nil
}

// Replace rewrites the body atomically (temp file, fsync, rename): the
// re-entrant refresh by the same owner.
func (e Excl) Replace(b Body) error {
	tmp := fmt.Sprintf("%s.tmp.%d.%d", e.Path, os.Getpid(), time.Now().UnixNano())
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b.Bytes())
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, e.Path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Steal replaces a stale lock whose body was seen as stale with mine, by
// compare-and-swap on the body's value: rename the lock to a private name,
// check it is still the body we judged stale (else put it back and lose),
// delete it, and create ours with O_EXCL. Exactly one of many concurrent
// stealers wins.
func (e Excl) Steal(stale, mine Body) (bool, error) {
	grab := filepath.Join(filepath.Dir(e.Path), fmt.Sprintf(".%s.steal.%d.%d", filepath.Base(e.Path), os.Getpid(), time.Now().UnixNano()))
	if err := os.Rename(e.Path, grab); err != nil {
		return false, nil
	}
	raw, err := os.ReadFile(grab)
	got := ParseBody(raw)
	if err != nil || got.Owner != stale.Owner || got.AcquiredAt != stale.AcquiredAt {
		if os.Rename(grab, e.Path) != nil {
			os.Remove(grab)
		}
		return false, nil
	}
	os.Remove(grab)
	if err := e.Create(mine); err != nil {
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
