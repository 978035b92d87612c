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

func TestNothingIsBuiltUntilAsked(t *testing.T) {
	built := false
	v := Value[int]{New: func() int { built = true; return 7 }}
	if built {
		t.Fatal("New ran before Get")
	}
	if v.Get() != 7 || !built {
		t.Fatal("Get did not build the value")
	}
}
