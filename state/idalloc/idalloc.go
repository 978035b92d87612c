package idalloc

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/state/lock"
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

// Peek returns the last id allocated in scope, without locking; ok is
// false when none was.
func (a Allocator) Peek(scope string) (id int64, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(a.Dir, Stem(scope)+".id"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	n, perr := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if perr != nil {
		return 0, false, nil
	}
	return n, true, nil
}

// Allocate returns the next id of scope: start when none was allocated
// (or the counter is unreadable), else the last id plus one (start is then
// ignored). It returns
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
		return 0, fmt.Errorf("id-alloc %s: %w", scope, err)
	}
	next := start
	if ok {
		if cur == math.MaxInt64 {
			return 0, fmt.Errorf("id-alloc %s: %w", scope, ErrExhausted)
		}
		next = cur + 1
	}
	path := filepath.Join(a.Dir, stem+".id")
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
