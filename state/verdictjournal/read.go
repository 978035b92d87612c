package verdictjournal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/workspace"
)

// EnvPath overrides the journal's path.
const EnvPath = "DISPATCH_VERDICT_JOURNAL_PATH"

// Path is the verdict journal of ws: $DISPATCH_VERDICT_JOURNAL_PATH (taken
// from the state root when relative), else [paths] verdict_journal.
func Path(ws *workspace.Workspace, getenv func(string) string) string {
	if getenv != nil {
		if p := getenv(EnvPath); p != "" {
			if !filepath.IsAbs(p) {
				p = filepath.Join(ws.StateRoot, p)
			}
			return p
		}
	}
	return ws.Config.Paths.VerdictJournal
}

// Record is one verdict as journaled.
type Record struct {
	Syscall string `json:"syscall"`
	Verdict string `json:"verdict"`
	RunID   string `json:"run_id"`
	Lane    string `json:"lane"`
	Subject string `json:"subject"`
	TS      string `json:"ts"`
	Seq     int64  `json:"seq"`
	// Detail is the flat evidence map; numbers stay json.Number.
	Detail map[string]any `json:"detail"`
}

// maxLine bounds one line; longer lines are skipped.
const maxLine = 1 << 20

// Read returns the journal's records in file order. A missing file is
// empty; a line that is not a JSON object is skipped.
func Read(path string) ([]Record, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read verdict journal %s: %w", path, err)
	}
	defer f.Close()
	var out []Record
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := readLine(r)
		if len(line) > 0 {
			if rec, ok := decode(line); ok {
				out = append(out, rec)
			}
		}
		if err != nil {
			if errors.Is(err, errEOF) {
				return out, nil
			}
			return nil, fmt.Errorf("read verdict journal %s: %w", path, err)
		}
	}
}

var errEOF = errors.New("eof")

// readLine returns the next line, or nil for one longer than maxLine.
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	long := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !long {
			buf = append(buf, chunk...)
			if len(buf) > maxLine {
				buf, long = nil, true
			}
		}
		switch {
		case err == nil:
			return buf, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return buf, errEOF
		default:
			return nil, err
		}
	}
}

func decode(line []byte) (Record, bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return Record{}, false
	}
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if dec.Decode(&rec) != nil {
		// A field of the wrong type: keep what can be read.
		var m map[string]any
		d2 := json.NewDecoder(bytes.NewReader(line))
		d2.UseNumber()
		if d2.Decode(&m) != nil {
			return Record{}, false
		}
		rec = Record{}
		rec.Syscall, _ = m["syscall"].(string)
		rec.Verdict, _ = m["verdict"].(string)
		rec.RunID, _ = m["run_id"].(string)
		rec.Lane, _ = m["lane"].(string)
		rec.Subject, _ = m["subject"].(string)
		rec.TS, _ = m["ts"].(string)
		rec.Detail, _ = m["detail"].(map[string]any)
	}
	return rec, true
}
