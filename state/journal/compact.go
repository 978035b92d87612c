package journal

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/lock"
)

// CompactResult is what a compaction did.
type CompactResult struct {
	BytesReclaimed int64 `json:"bytes_reclaimed"`
	EntriesAfter   int   `json:"entries_after"`
	EntriesBefore  int   `json:"entries_before"`
}

// Compact rewrites the journal as one CHECKPOINT (the live set, the seq
// watermark, the live fencing generations and the generation watermark)
// followed by every corrupt line as a _CORRUPT sentinel. It runs under the
// journal lock, writes <journal>.compact.tmp, fsyncs it and renames it over
// the journal, so a reader sees either the old file or the new one. When
// archive is not empty the replaced bytes are first appended (and synced)
// to that file, keeping the history an audit needs.
func (j *Journal) Compact(ctx context.Context, wait time.Duration, archive string) (CompactResult, error) {
	var res CompactResult
	lk, err := lock.AcquireFlock(ctx, j.LockPath, wait)
	if err != nil {
		return res, err
	}
	defer lk.Release()
	if special(j.Path) {
		return res, fmt.Errorf("compact %s: not a regular file", j.Path)
	}
	old, err := os.ReadFile(j.Path)
	if os.IsNotExist(err) {
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("compact %s: %w", j.Path, err)
	}
	var lines []Line
	scan(old, 0, func(_ int, l Line) { lines = append(lines, l) }, nil)
	if len(lines) == 0 {
		return res, nil
	}
	st := &lease.State{}
	var buf bytes.Buffer
	var corrupt [][]byte
	for _, l := range lines {
		st.Apply(l.Record)
		if l.Record.Op != lease.OpCorrupt {
			continue
		}
		if l.Record.Raw == string(l.Raw) {
			b, err := EncodeRecord(map[string]any{"op": lease.OpCorrupt, "_raw": l.Record.Raw, "_line": l.Index})
			if err != nil {
				return res, err
			}
			corrupt = append(corrupt, b)
		} else {
			corrupt = append(corrupt, l.Raw) // an already persisted sentinel
		}
	}
	cp, err := EncodeRecord(map[string]any{
		"op": lease.OpCheckpoint, "leases": st.Live(), "seq_watermark": st.MaxSeq,
		"generations": st.Generations(), "generation_watermark": st.Counter,
	})
	if err != nil {
		return res, err
	}
	buf.Write(cp)
	buf.WriteByte('\n')
	for _, c := range corrupt {
		buf.Write(c)
		buf.WriteByte('\n')
	}
	if archive != "" {
		if err := appendSync(archive, old); err != nil {
			return res, fmt.Errorf("compact: archive: %w", err)
		}
	}
	tmp := j.Path + ".compact.tmp"
	if err := writeSync(tmp, buf.Bytes()); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("compact %s: %w", j.Path, err)
	}
	if err := os.Rename(tmp, j.Path); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("compact %s: %w", j.Path, err)
	}
	syncDir(filepath.Dir(j.Path))
	if j.CachePath != "" {
		os.Remove(j.CachePath)
	}
	return CompactResult{
		BytesReclaimed: int64(len(old)) - int64(buf.Len()),
		EntriesBefore:  len(lines),
		EntriesAfter:   1 + len(corrupt),
	}, nil
}

// writeSync replaces path's contents with b and fsyncs it.
func writeSync(path string, b []byte) error {
	return syncWrite(path, b, os.O_TRUNC)
}

// appendSync appends b (newline-terminated) to path and fsyncs it.
func appendSync(path string, b []byte) error {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return syncWrite(path, b, os.O_APPEND)
}

// syncWrite opens path with mode (O_TRUNC or O_APPEND), writes b in one
// call and fsyncs before closing.
func syncWrite(path string, b []byte, mode int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|mode, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
