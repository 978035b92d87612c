package runs

import (
	"errors"
	"testing"

	"github.com/dispatchos/dos/call"
)

// A run id may come positionally or as --run-id; two different ones are a
// usage error (exit 2), and the same one twice is fine.
func TestPickRunID(t *testing.T) {
	const a, b = "RID-1KSR49200000C1S", "RID-1KSR49200000C2S"
	for _, c := range []struct{ pos, flag, want string }{{a, "", a}, {"", a, a}, {a, a, a}, {"", "", ""}} {
		if got, err := pickRunID(c.pos, c.flag); err != nil || got != c.want {
			t.Errorf("pickRunID(%q, %q) = %q, %v; want %q", c.pos, c.flag, got, err, c.want)
		}
	}
	_, err := pickRunID(a, b)
	var u *call.UsageError
	if !errors.As(err, &u) {
		t.Fatalf("pickRunID(%q, %q) = %v; want a usage error", a, b, err)
	}
}
