package lease

import (
	"strings"
	"time"
)

// StampLayout is how the journal writes times: UTC, second resolution.
const StampLayout = "2006-01-02T15:04:05Z"

// FormatStamp renders t as a journal stamp.
func FormatStamp(t time.Time) string { return t.UTC().Format(StampLayout) }

// zoned layouts carry their own offset; naive layouts are read as UTC.
var (
	zoned = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00"}
	naive = []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"}
)

// ParseStamp reads a journal time. It accepts second or minute resolution,
// an optional fraction, "Z" or a numeric offset; a stamp without a zone is
// UTC. ok is false when s is not a time.
func ParseStamp(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range zoned {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	for _, l := range naive {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
