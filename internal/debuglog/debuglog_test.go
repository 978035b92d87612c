package debuglog

import (
	"fmt"
	"testing"
)

func TestLogger(t *testing.T) {
	var off Logger
	if off.On() {
		t.Error("the nil Logger is on")
	}
	off.Debug("nothing", "k", 1) // no panic
	var got []string
	on := Logger(func(msg string, kv ...any) { got = append(got, fmt.Sprint(msg, kv)) })
	if !on.On() {
		t.Error("a Logger is off")
	}
	on.Debug("verify index", "index", "hit", "commits", 3)
	if len(got) != 1 || got[0] != "verify index[index hit commits 3]" {
		t.Errorf("got %q", got)
	}
}
