package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/safefile"
)

// CompactResult is what a compaction did.
type CompactResult struct {
	BytesReclaimed int64 `json:"bytes_reclaimed"`
	EntriesAfter   int   `json:"entries_after"`
	EntriesBefore  int   `json:"entries_before"`
}

// Compact rewrites the journal as one CHECKPOINT (the live set, the seq
// watermark, the live fencing generations and the generation watermark)
// followed by one bounded _CORRUPT sentinel per unreadable line. It runs
// under the journal lock, writes <journal>.compact.tmp, fsyncs it and
// renames it over the journal, so a reader sees either the old file or the
// new one. When archive is not empty the replaced bytes are first appended
// (and synced) to that file, keeping the history an audit needs (with
// CompactKeep, only the lines folded into the checkpoint); a compaction
// that died after archiving and before replacing the journal does not make
// the next one archive the same records again.
//
// An unreadable line is not carried over whole: its sentinel keeps where
// it was, its length, its digest and its first bytes. That keeps the
// evidence that something was lost (a lost line may have been a grant)
// while one huge garbage line stops costing every later reader; the bytes
// themselves are in the archive when one is kept.
func (j *Journal) Compact(ctx context.Context, wait time.Duration, archive string) (CompactResult, error) {
	return j.CompactKeep(ctx, wait, archive, 0)
}

// CompactKeep is [Journal.Compact] leaving the newest keep lines after
// the checkpoint as they were (a line that is not a record as its
// sentinel); only the older ones are folded into it. The fold of the new
// journal is the fold of the old one. When keep covers every line there
// is nothing to fold and the journal is left alone.
func (j *Journal) CompactKeep(ctx context.Context, wait time.Duration, archive string, keep int) (CompactResult, error) {
	var res CompactResult
	if keep < 0 {
		return res, fmt.Errorf("compact %s: keep %d is negative", j.Path, keep)
	}
	tx, err := j.lock(ctx, wait)
	if err != nil {
		return res, err
	}
	defer tx.Close()
	if special(j.Path) {
		return res, fmt.Errorf("compact %s: not a regular file", j.Path)
	}
	tmp := j.Path + ".compact.tmp"
	if err := safefile.Refuse(tmp); err != nil {
		return res, err
	}
	f, fi, err := j.open()
	if err != nil || f == nil {
		return res, err
	}
	defer f.Close()
	st := &lease.State{}
	var corrupt []map[string]any
	var tail []Line // the newest keep lines (Raw cloned), oldest first
	entries := 0
	// from is where the bytes to archive start: past the archive's last
	// line when the journal holds that very line (see LastArchived).
	var from int64
	last := LastArchived(archive)
	fold := func(r lease.Record, bad *Skipped) {
		st.Apply(r)
		if bad != nil {
			corrupt = append(corrupt, bad.Sentinel())
		}
	}
	_, err = scan(io.NewSectionReader(f, 0, fi.Size()), 0, 0, func(l *Line) {
		entries++
		if l.Bad == nil && last != nil && l.NL && bytes.Equal(l.Raw, last) {
			from = l.Next
		}
		if keep == 0 {
			fold(l.Record, l.Bad)
			return
		}
		if len(tail) == keep {
			fold(tail[0].Record, tail[0].Bad)
			tail = tail[1:]
		}
		k := *l
		k.Raw = bytes.Clone(l.Raw)
		tail = append(tail, k)
	}, nil)
	if err != nil {
		return res, fmt.Errorf("compact %s: %w", j.Path, err)
	}
	if entries == 0 || entries <= keep {
		return CompactResult{EntriesBefore: entries, EntriesAfter: entries}, nil
	}
	var buf bytes.Buffer
	cp, err := EncodeRecord(map[string]any{
		"op": lease.OpCheckpoint, "leases": st.Live(), "seq_watermark": st.MaxSeq,
		"generations": st.Generations(), "generation_watermark": st.Counter,
	})
	if err != nil {
		return res, err
	}
	if len(cp) >= MaxLine {
		return res, fmt.Errorf("compact %s: the checkpoint would be %d bytes, longer than a reader accepts", j.Path, len(cp))
	}
	buf.Write(cp)
	buf.WriteByte('\n')
	for _, c := range corrupt {
		b, err := EncodeRecord(c)
		if err != nil {
			return res, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	for _, k := range tail {
		b, err := k.Stored()
		if err != nil {
			return res, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if archive != "" {
		end := fi.Size()
		if len(tail) > 0 {
			end = tail[0].Offset
		}
		if err := AppendArchive(archive, io.NewSectionReader(f, min(from, end), end-min(from, end))); err != nil {
			return res, fmt.Errorf("compact: archive: %w", err)
		}
	}
	if err := writeSync(tmp, buf.Bytes()); err != nil {
		if !errors.Is(err, safefile.ErrSymlink) {
			os.Remove(tmp)
		}
		return res, safefile.Wrap("compact", j.Path, err)
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
		BytesReclaimed: fi.Size() - int64(buf.Len()),
		EntriesBefore:  entries,
		EntriesAfter:   1 + len(corrupt) + len(tail),
	}, nil
}

// LastArchived is the last complete line of the archive at path (without its
// newline), or nil when there is none or it cannot be read.
//
// A compaction appends the journal to the archive and then replaces the
// journal. One that dies between the two (a crash, a kill) leaves the
// journal's records in both; the next compaction finds the archive's last
// line in the journal and archives only what follows it, so no record is
// archived twice. Records carry their seq and ts, so an equal line is the
// same record. In the normal case the journal starts with a fresh
// checkpoint that the archive does not end with, and everything is
// archived.
func LastArchived(path string) []byte {
	if path == "" {
		return nil
	}
	f, err := safefile.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil
	}
	n := min(fi.Size(), int64(MaxLine)+1)
	b := make([]byte, n)
	if _, err := f.ReadAt(b, fi.Size()-n); err != nil {
		return nil
	}
	b, ok := bytes.CutSuffix(b, []byte("\n"))
	if !ok {
		return nil // a torn last line is never matched
	}
	i := bytes.LastIndexByte(b, '\n')
	if i < 0 && n == fi.Size() {
		return b // the archive is one line
	}
	if i < 0 {
		return nil // longer than any record
	}
	return b[i+1:]
}

// writeSync replaces path's contents with b and fsyncs it; a symlink at
// path is refused, never followed.
func writeSync(path string, b []byte) error {
	f, err := safefile.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	if werr == nil {
		werr = f.Sync()
	}
	return errors.Join(werr, f.Close())
}

// AppendArchive appends r to the archive at path (ending it with a newline
// if r does not) and fsyncs it: how a compaction keeps what it folds away,
// for the file journal and the etcd store alike.
func AppendArchive(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	lt := &lastByte{r: r}
	_, werr := io.Copy(f, lt)
	if werr == nil && lt.n > 0 && lt.last != '\n' {
		_, werr = f.Write([]byte{'\n'})
	}
	if werr == nil {
		werr = f.Sync()
	}
	return errors.Join(werr, f.Close())
}

// lastByte remembers the last byte read through it.
type lastByte struct {
	r    io.Reader
	n    int64
	last byte
}

func (l *lastByte) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n > 0 {
		l.n += int64(n)
		l.last = p[n-1]
	}
	return n, err
}
