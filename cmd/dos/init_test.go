package main

import (
	"testing"

	"github.com/dispatchos/dos/internal/starttest"
)

// A dos process pays for the packages it links at start-up: every package
// with init work faults in a page of code and the data it writes, used or
// not. So no dos package has any: the registry's definitions are static
// data (&call.Def{..., Verdicts: []*call.Verdict{&Yes}, Handler:
// &call.Typed[A, R]{Fn: f}}), and values that need building are built on
// first use (lazy.Value) or are switches. A package variable set by a call
// (sync.OnceValue, regexp.MustCompile, a map literal, a copy of another
// package's variable) shows up here.
func TestNoInitWorkAtStart(t *testing.T) { starttest.Check(t, "", "version") }
