// Package lazy holds package-level values that are built on first use.
//
// A variable declared as lazy.Value[T]{New: f} is static data: the program
// does no work for it at start-up. sync.OnceValue(f) does the same job but
// is a call, so every such variable costs each process an allocation and a
// package init function at start, whether it is ever used or not.
package lazy

import "sync"

// Value is a T built by New the first time Get is called, then kept.
// Declare it as a package variable with a function literal for New; it is
// safe for concurrent use. A panic in New reaches the caller of that Get,
// and later calls return T's zero value.
type Value[T any] struct {
	// New builds the value. It is called at most once.
	New func() T

	once sync.Once
	v    T
}

// Get returns the value, building it on the first call.
func (l *Value[T]) Get() T {
	l.once.Do(func() { l.v = l.New() })
	return l.v
}
