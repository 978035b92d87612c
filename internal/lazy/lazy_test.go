package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

var calls atomic.Int32

var answer = Value[[]int]{New: func() []int {
	calls.Add(1)
	return []int{4, 2}
}}

func TestGetBuildsOnceUnderConcurrency(t *testing.T) {
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := answer.Get(); len(got) != 2 || got[0] != 4 {
				t.Errorf("Get() = %v", got)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("New ran %d times, want 1", n)
	}
}

// The doc's promise about a New that panics: that Get panics, later ones
// answer the zero value and New is not run again.
func TestPanicInNewReachesTheFirstGet(t *testing.T) {
	runs := 0
	v := Value[int]{New: func() int { runs++; panic("no") }}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the first Get did not panic")
			}
		}()
		v.Get()
	}()
	if got := v.Get(); got != 0 || runs != 1 {
		t.Fatalf("after a panic: Get() = %d, New ran %d times; want 0 and once", got, runs)
	}
}
