package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// Verifies racing on a cold index, as separate processes: every one answers
// right, the index they leave behind is sound, and no temporary is left.
func TestVerifiesRaceOnAColdIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("real processes")
	}
	bin := buildDos(t)
	dir := gittest.Linear(t, 3000, func(i int) string {
		if i%100 == 0 {
			return fmt.Sprintf("RACE%d: ship unit %d", i/100, i/100)
		}
		return fmt.Sprintf("change %d", i)
	})
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for p := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			phase := fmt.Sprintf("RACE%d", 1+p*5)
			cmd := exec.Command(bin, "verify", "RACE", phase)
			cmd.Dir, cmd.Env = dir, gitEnvList(dir)
			out, err := cmd.Output()
			if err != nil || !strings.HasPrefix(string(out), "SHIPPED RACE "+phase+" ") {
				errs <- fmt.Sprintf("%s: %v %q", phase, err, out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".git", "dos", ".tmp-*")); len(tmp) != 0 {
		t.Errorf("temporaries left behind: %v", tmp)
	}
	// The index left behind answers without git at all: a phase the race
	// shipped (its footprint cached beside the index) and one that never
	// shipped. (A shipped phase nobody asked yet would need git for its
	// footprint.)
	for phase, want := range map[string]string{"RACE26": "SHIPPED RACE RACE26 ", "RACE31": "NOT_SHIPPED RACE RACE31 "} {
		cmd := exec.Command(bin, "verify", "RACE", phase)
		cmd.Dir = dir
		cmd.Env = append(gitEnvList(dir), "PATH="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if !strings.HasPrefix(string(out), want) || (err != nil) != strings.HasPrefix(want, "NOT") {
			t.Fatalf("warm verify after the race: %v %q", err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "dos")); err != nil {
		t.Fatal(err)
	}
}
