package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	kl "github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/state/safefile"
)

// FileName is the ledger's name inside a run directory.
const FileName = "intent.jsonl"

// ErrBadRunID is returned for a run id that is not a valid token.
var ErrBadRunID = errors.New("not a valid run-id token")

// Ledger is one run's intent ledger on disk.
type Ledger struct {
	// RunID is the run the ledger belongs to.
	RunID string
	// Dir is the run directory, <runs>/<run_id>.
	Dir string
	// Path is the ledger file.
	Path string
}

// ValidRunID reports whether id is a run-id token that may name a run
// directory.
func ValidRunID(id string) bool {
	_, ok := runid.Parse(id)
	return ok
}

// At returns the ledger of run id under runsDir. The id must be a valid
// run-id token.
func At(runsDir, id string) (*Ledger, error) {
	if !ValidRunID(id) {
		return nil, fmt.Errorf("%q is %w (RID- and 15 characters of 0-9 A-Z without I, L, O, U)", id, ErrBadRunID)
	}
	dir := filepath.Join(runsDir, id)
	return &Ledger{RunID: id, Dir: dir, Path: filepath.Join(dir, FileName)}, nil
}

// Read is the ledger as read: its replay, and whether the file exists.
type Read struct {
	State  *kl.State
	Exists bool
	// Torn is the unparseable last line that was dropped, if any.
	Torn string
}

// Read replays the ledger. A missing file is an empty ledger (Exists
// false); a file that cannot be read is an error.
func (l *Ledger) Read() (*Read, error) {
	b, err := readNoFollow(l.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Read{State: kl.Replay(nil)}, nil
	}
	if err != nil {
		return nil, safefile.Wrap("read intent ledger", l.Path, err)
	}
	rd := &Read{Exists: true}
	rd.State, rd.Torn = ReplayBytes(b)
	return rd, nil
}

// ReplayBytes replays ledger text: lines split on '\n' (a trailing '\r'
// trimmed), blanks skipped, an unparseable last line dropped and returned
// as torn.
func ReplayBytes(b []byte) (st *kl.State, torn string) {
	var lines []kl.Line
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		r, k := kl.Parse(line)
		if k == kl.KindCorrupt && len(bytes.TrimSpace(b)) == 0 {
			torn = string(line)
			break
		}
		lines = append(lines, kl.Line{Record: r, Kind: k})
	}
	return kl.Replay(lines), torn
}

// Append seals each record with the ledger's run id and now (unless it has
// a ts), and appends them as one write, then fsyncs. On error nothing may
// be reported as recorded.
func (l *Ledger) Append(now time.Time, recs ...kl.Stamp) error {
	var buf bytes.Buffer
	for _, r := range recs {
		kl.Seal(r, l.RunID, lease.FormatStamp(now))
		b, err := encode(r)
		if err != nil {
			return fmt.Errorf("encode intent record: %w", err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return fmt.Errorf("write intent ledger %s: %w", l.Path, err)
	}
	_, statErr := os.Lstat(l.Path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := safefile.OpenFile(l.Path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return safefile.Wrap("write intent ledger", l.Path, err)
	}
	data := buf.Bytes()
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, fi.Size()-1); err == nil && last[0] != '\n' && last[0] != '\r' {
			data = append([]byte{'\n'}, data...)
		}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write intent ledger %s: %w", l.Path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync intent ledger %s: %w", l.Path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write intent ledger %s: %w", l.Path, err)
	}
	if created {
		if d, err := os.Open(l.Dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}

// encode renders a record as one line of JSON without HTML escaping; the
// record types declare their fields in key order, so keys come out sorted.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	// U+2028/U+2029 are escaped by encoding/json; U+0085 is not, and some
	// line readers split on it.
	return bytes.ReplaceAll(b, []byte("\u0085"), []byte(`\u0085`)), nil
}

// readNoFollow reads path, refusing a symbolic link at the last element
// (package safefile: O_NOFOLLOW on unix, an Lstat check elsewhere).
func readNoFollow(path string) ([]byte, error) {
	f, err := safefile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	var buf bytes.Buffer
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}
