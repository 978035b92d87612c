package journal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/safefile"
)

// Tx is a held journal lock with the fold read inside it. Every append goes
// through a Tx, so the fold a writer decides on includes every record that
// committed before.
type Tx struct {
	j    *Journal
	lk   *held
	Now  time.Time
	Fold *Replay
}

// held is the journal's two locks: dos's flock, then, inside it, the
// reference tool's lane-lease lock file.
type held struct {
	fl  *lock.Flock
	ref *lock.ExclHold
}

// lock takes the flock every dos writer takes, then the reference's
// create-exclusive lock file (when RefLockPath is set), so a Python agent
// running the reference on the same journal is excluded too. Both waits
// share the one budget; running out is [lock.ErrBusy].
func (j *Journal) lock(ctx context.Context, wait time.Duration) (*held, error) {
	start := time.Now()
	fl, err := lock.AcquireFlock(ctx, j.LockPath, wait)
	if err != nil {
		return nil, err
	}
	h := &held{fl: fl}
	if j.RefLockPath == "" {
		return h, nil
	}
	// Every dos writer of this lock file holds the flock we now hold, so a
	// lock file dos wrote on this host belongs to a process that died.
	dead := func(c lock.Holder) bool { return lock.OurHostDos(c.Owner) }
	h.ref, err = lock.HoldExcl(ctx, lock.Excl{Path: j.RefLockPath, Transient: true}, "dos", max(0, wait-time.Since(start)), dead)
	if err != nil {
		fl.Release()
		return nil, err
	}
	return h, nil
}

// Close releases both locks, the reference's first.
func (h *held) Close() error {
	return errors.Join(h.ref.Release(), h.fl.Release())
}

// Begin takes the journal lock, waiting at most wait, and folds the
// journal. The caller must Close the Tx.
func (j *Journal) Begin(ctx context.Context, wait time.Duration, now time.Time) (*Tx, error) {
	start := time.Now()
	lk, err := j.lock(ctx, wait)
	locked := time.Now()
	if j.Log.On() {
		kv := []any{"journal", j.Path, "waited", locked.Sub(start)}
		if err != nil {
			kv = append(kv, "error", err)
		}
		j.Log.Debug("lane journal lock", kv...)
	}
	if err != nil {
		return nil, err
	}
	rp, err := j.replay(true)
	if err != nil {
		lk.Close()
		return nil, err
	}
	if j.Log.On() {
		j.Log.Debug("lane journal folded", "max_seq", rp.State.MaxSeq, "live", len(rp.State.Live()), "took", time.Since(locked))
	}
	return &Tx{j: j, lk: lk, Now: now, Fold: rp}, nil
}

// Close releases the lock.
func (tx *Tx) Close() error { return tx.lk.Close() }

// Live is the fold's live set.
func (tx *Tx) Live() []lease.Lease { return tx.Fold.State.Live() }

// Append writes recs as one write and fsyncs. Each record gets seq (the
// journal's maximum plus one, in order) and ts (tx.Now) unless it has
// them. It returns the records as written, decoded. On error nothing is
// acknowledged: the caller must not report success.
func (tx *Tx) Append(recs ...map[string]any) ([]lease.Record, error) {
	return tx.append(true, anys(recs))
}

// AppendEntries is Append for records the kernel decided (ACQUIRE, REFUSE,
// SCAVENGE, RELEASE, HEARTBEAT): each is numbered and written as it is.
func (tx *Tx) AppendEntries(es ...lease.Entry) ([]lease.Record, error) {
	recs := make([]any, len(es))
	for i, e := range es {
		recs[i] = e
	}
	return tx.append(true, recs)
}

func anys(recs []map[string]any) []any {
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = r
	}
	return out
}

// opOf is a pending record's op.
func opOf(r any) any {
	switch r := r.(type) {
	case map[string]any:
		return r["op"]
	case lease.Entry:
		return r.EntryOp()
	}
	return nil
}

// AppendUnsynced is Append without the fsync: for records whose loss in a
// crash costs nothing but a line of history (the hooks' ENFORCE records,
// hooks decision 10), on a path where the fsync would dominate the cost.
// The write is still one O_APPEND write under the lock, so seq stays
// unique and increasing.
func (tx *Tx) AppendUnsynced(recs ...map[string]any) ([]lease.Record, error) {
	return tx.append(false, anys(recs))
}

func (tx *Tx) append(sync bool, recs []any) ([]lease.Record, error) {
	acquires := 0
	for _, r := range recs {
		if op := opOf(r); op == lease.OpAcquire || op == lease.OpReconcile {
			acquires++
		}
	}
	if err := tx.Fold.State.Room(len(recs), acquires); err != nil {
		return nil, fmt.Errorf("write lane journal %s: %w", tx.j.Path, err)
	}
	var buf bytes.Buffer
	seq := tx.Fold.State.MaxSeq
	for _, r := range recs {
		switch r := r.(type) {
		case lease.Entry:
			seq++
			r.Stamp(seq, lease.FormatStamp(tx.Now))
		case map[string]any:
			if _, ok := r["seq"]; !ok && r["op"] != lease.OpCheckpoint {
				seq++
				r["seq"] = seq
			}
			if _, ok := r["ts"]; !ok && r["op"] != lease.OpCheckpoint {
				r["ts"] = lease.FormatStamp(tx.Now)
			}
		}
		b, err := EncodeRecord(r)
		if err != nil {
			return nil, fmt.Errorf("encode journal record: %w", err)
		}
		if len(b) >= MaxLine { // with its newline, longer than a reader accepts
			return nil, fmt.Errorf("journal record of %d bytes is longer than a reader accepts (%d)", len(b), MaxLine)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if err := tx.j.write(buf.Bytes(), sync); err != nil {
		return nil, err
	}
	var out []lease.Record
	for _, line := range bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n")) {
		r, err := lease.DecodeRecord(line)
		if err != nil {
			return nil, fmt.Errorf("journal record did not round-trip: %w", err)
		}
		tx.Fold.State.Apply(r)
		out = append(out, r)
	}
	return out, nil
}

// write appends b to the journal with one write, repairing a torn tail
// first, then (with sync) fsyncs, and fsyncs the directory when the file
// is new.
func (j *Journal) write(b []byte, sync bool) error {
	if err := os.MkdirAll(filepath.Dir(j.Path), 0o755); err != nil {
		return fmt.Errorf("write lane journal %s: %w", j.Path, err)
	}
	_, statErr := os.Lstat(j.Path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := safefile.OpenFile(j.Path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return safefile.Wrap("write lane journal", j.Path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("write lane journal %s: %w", j.Path, err)
	}
	if fi.Mode().IsRegular() && fi.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, fi.Size()-1); err == nil && last[0] != '\n' {
			// A crash left a partial line: end it, so it stays its own
			// (corrupt) line instead of swallowing this record.
			b = append([]byte{'\n'}, b...)
		}
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write lane journal %s: %w", j.Path, err)
	}
	if sync {
		if err := f.Sync(); err != nil && fi.Mode().IsRegular() {
			f.Close()
			return fmt.Errorf("sync lane journal %s: %w", j.Path, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write lane journal %s: %w", j.Path, err)
	}
	if created && sync {
		syncDir(filepath.Dir(j.Path))
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// EncodeRecord renders a record as the journal writes it: one line of
// JSON, keys sorted, non-ASCII kept raw except the line separators
// U+2028, U+2029 and U+0085, which are escaped so no reader can split a
// record.
func EncodeRecord(r any) ([]byte, error) {
	b, err := encode(r)
	if err != nil {
		return nil, err
	}
	// Round-trip through generic values so nested objects (a struct
	// lease) have sorted keys too.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if b, err = encode(v); err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(b, []byte("\u0085"), []byte(`\u0085`)), nil
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
