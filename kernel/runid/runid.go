package runid

import (
	"strings"
	"time"
)

// Prefix opens every run id; ProcessPrefix opens every process id.
const (
	Prefix        = "RID-"
	ProcessPrefix = "PROC-"
)

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// EntropyBits is how many bits of entropy an id carries.
const EntropyBits = 30

// Make returns the run id for ms milliseconds since the epoch and the low
// 30 bits of entropy.
func Make(ms int64, entropy uint32) string {
	var b [4 + 15]byte
	copy(b[:], Prefix)
	u := uint64(ms)
	for i := 8; i >= 0; i-- {
		b[4+i] = alphabet[u&31]
		u >>= 5
	}
	e := entropy & (1<<EntropyBits - 1)
	for i := 5; i >= 0; i-- {
		b[13+i] = alphabet[e&31]
		e >>= 5
	}
	return string(b[:])
}

// New is Make for a time.
func New(t time.Time, entropy uint32) string { return Make(t.UnixMilli(), entropy) }

// Parse checks a run id and returns its time. ok is false for anything
// that is not "RID-" and 15 characters of the alphabet.
func Parse(id string) (t time.Time, ok bool) {
	body, found := strings.CutPrefix(id, Prefix)
	if !found || len(body) != 15 {
		return time.Time{}, false
	}
	var ms uint64
	for i := range len(body) {
		v := strings.IndexByte(alphabet, body[i])
		if v < 0 {
			return time.Time{}, false
		}
		if i < 9 {
			ms = ms<<5 | uint64(v)
		}
	}
	return time.UnixMilli(int64(ms)).UTC(), true
}

// ProcessID is "PROC-" + name unless name already carries the prefix.
func ProcessID(name string) string {
	if strings.HasPrefix(name, ProcessPrefix) {
		return name
	}
	return ProcessPrefix + name
}

// Lineage is a minted id with its parent and root.
type Lineage struct {
	RunID     string  `json:"run_id"`
	ParentID  *string `json:"parent_id"`
	RootID    string  `json:"root_id"`
	ProcessID string  `json:"process_id"`
	TSMillis  int64   `json:"ts_ms"`
}

// Mint builds a lineage: a child of parent (when not empty) under root.
// Without a root, a child's root is its parent (a child never becomes its
// own root) and a parentless id is its own root.
func Mint(process string, ms int64, entropy uint32, parent, root string) Lineage {
	id := Make(ms, entropy)
	l := Lineage{RunID: id, RootID: id, ProcessID: ProcessID(process), TSMillis: ms}
	if parent != "" {
		p := parent
		l.ParentID = &p
		l.RootID = parent
	}
	if root != "" {
		l.RootID = root
	}
	return l
}
