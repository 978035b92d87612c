package ledger

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// SpineName is a run's spine record inside its run directory.
const SpineName = "run.json"

// Spine is a run.json: a run's id and lineage, as 'dos run-id mint'
// writes it.
type Spine struct {
	RunID     string  `json:"run_id"`
	ParentID  *string `json:"parent_id"`
	RootID    string  `json:"root_id"`
	ProcessID string  `json:"process_id"`
	TSMillis  int64   `json:"ts_ms"`
}

// ReadSpine reads <dir>/run.json; ok is false when it is absent or not a
// JSON object of that shape.
func ReadSpine(dir string) (Spine, bool) {
	b, err := os.ReadFile(filepath.Join(dir, SpineName))
	if err != nil {
		return Spine{}, false
	}
	var s Spine
	if json.Unmarshal(b, &s) != nil {
		// A field of the wrong type: keep what reads.
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) != nil {
			return Spine{}, false
		}
		s = Spine{}
		for k, dst := range map[string]*string{"run_id": &s.RunID, "root_id": &s.RootID, "process_id": &s.ProcessID} {
			_ = json.Unmarshal(m[k], dst)
		}
		var p string
		if json.Unmarshal(m["parent_id"], &p) == nil && p != "" {
			s.ParentID = &p
		}
	}
	return s, true
}

// Parents maps every run under runsDir that has a run.json to its parent
// ("" for a root): the run id is the file's run_id, else the directory's
// name. A missing runs directory has no runs.
func Parents(runsDir string) (map[string]string, error) {
	out := map[string]string{}
	ents, err := os.ReadDir(runsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		s, ok := ReadSpine(filepath.Join(runsDir, e.Name()))
		if !ok {
			continue
		}
		id := s.RunID
		if id == "" {
			id = e.Name()
		}
		out[id] = ""
		if s.ParentID != nil {
			out[id] = *s.ParentID
		}
	}
	return out, nil
}
