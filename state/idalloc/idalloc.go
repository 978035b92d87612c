package idalloc

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/safefile"
)

// Stem is the file name stem of a scope: the scope with runs of characters
// outside [A-Za-z0-9._-] replaced by "-", trimmed of "-", cut to 48
// characters ("scope" when empty), then "." and the 13-character base-36
// FNV-1a-64 digest of the scope.
func Stem(scope string) string {
	var b strings.Builder
	dash := false
	for _, r := range scope {
		ok := r < 0x80 && (r == '.' || r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		if ok {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 48 {
		s = s[:48]
	}
	if s == "" {
		s = "scope"
	}
	h := fnv.New64a()
	h.Write([]byte(scope))
	d := strconv.FormatUint(h.Sum64(), 36)
	return s + "." + strings.Repeat("0", 13-len(d)) + d
}

// ErrExhausted is returned when a scope's last id is the largest int64:
// the next would wrap to a negative number.
var ErrExhausted = errors.New("the scope's ids are exhausted (the last id is 2^63-1)")

// Allocator allocates ids in one directory.
type Allocator struct {
	Dir string
	// Wait bounds the wait for a scope's lock.
	Wait time.Duration
}

// ErrBadCounter is matched (errors.Is) when a scope's counter file exists
// but does not hold a number: an allocator that restarted there could hand
// out an id again, so it stops instead.
var ErrBadCounter = errors.New("id counter does not hold a number")

// BadCounterError names a counter file that does not hold a number and
// shows what it holds (escaped, cut short).
type BadCounterError struct {
	Path    string
	Content string
}

// Error says what is wrong and what to do.
func (e *BadCounterError) Error() string {
	return fmt.Sprintf(`id counter %s holds "%s", not a number; fix or remove it by hand (removing it restarts the scope at --start)`, e.Path, e.Content)
}

// Is makes errors.Is(err, ErrBadCounter) true.
func (e *BadCounterError) Is(target error) bool { return target == ErrBadCounter }

// maxCounter bounds what is read of a counter file.
const maxCounter = 64

// Path is the counter file of scope.
func (a Allocator) Path(scope string) string { return filepath.Join(a.Dir, Stem(scope)+".id") }

// Peek returns the last id allocated in scope, without locking; ok is
// false when none was. A counter file that exists but does not hold a
// non-negative decimal number (empty, junk, cut short) is an error naming
// the file, never "none": dos writes counters by temp file and rename, so
// such a file was damaged from outside.
func (a Allocator) Peek(scope string) (id int64, ok bool, err error) {
	path := a.Path(scope)
	f, err := safefile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, safefile.Wrap("read id counter", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCounter+1))
	if err != nil {
		return 0, false, fmt.Errorf("read id counter %s: %w", path, err)
	}
	text := strings.TrimSpace(string(b))
	n, perr := strconv.ParseInt(text, 10, 64)
	if perr != nil || n < 0 || len(b) > maxCounter {
		return 0, false, &BadCounterError{Path: path, Content: lease.Escape(string(b[:min(len(b), 32)]))}
	}
	return n, true, nil
}

// Allocate returns the next id of scope: start when none was allocated,
// else the last id plus one (start is then ignored). A counter it cannot
// read is an error ([ErrBadCounter]), never a restart at start. It returns
// lock.ErrBusy (wrapped) when the lock stayed held for Wait.
func (a Allocator) Allocate(ctx context.Context, scope string, start int64) (int64, error) {
	stem := Stem(scope)
	lk, err := lock.AcquireFlock(ctx, filepath.Join(a.Dir, stem+".lock"), a.Wait)
	if err != nil {
		return 0, err
	}
	defer lk.Release()
	cur, ok, err := a.Peek(scope)
	if err != nil {
		return 0, err
	}
	next := start
	if ok {
		if cur == math.MaxInt64 {
			return 0, fmt.Errorf("id-alloc %s: %w", scope, ErrExhausted)
		}
		next = cur + 1
	}
	path := a.Path(scope)
	if err := safefile.Refuse(path); err != nil {
		return 0, err
	}
	sweepTemps(a.Dir, stem+".id.tmp")
	tmp, err := os.CreateTemp(a.Dir, stem+".id.tmp*")
	if err != nil {
		return 0, fmt.Errorf("id-alloc %s: %w", scope, err)
	}
	_, werr := tmp.WriteString(strconv.FormatInt(next, 10) + "\n")
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("id-alloc %s: %w", scope, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return 0, fmt.Errorf("id-alloc %s: %w", scope, err)
	}
	if d, err := os.Open(a.Dir); err == nil {
		d.Sync()
		d.Close()
	}
	return next, nil
}

// sweepTemps removes counter temp files left by an allocator killed
// between creating and renaming one. Only called under the scope's lock,
// which every writer of those files holds.
func sweepTemps(dir, prefix string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, d := range ents {
		if strings.HasPrefix(d.Name(), prefix) {
			os.Remove(filepath.Join(dir, d.Name()))
		}
	}
}
