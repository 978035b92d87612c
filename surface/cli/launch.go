package cli

import (
	"fmt"
	"os/exec"
)

// exitNotFound is the shell's exit code for a command it cannot find.
const exitNotFound = 127

// launch starts the program a verb answered (dos guard's host) in dos's
// place and ends with its exit code: exec(2) where there is one, a child
// whose code is passed through elsewhere. A program not found is exit 127
// with one error line, as a shell answers.
func launch(argv []string, stdio IO) error {
	bin, err := exec.LookPath(argv[0])
	if err != nil {
		fmt.Fprintf(stdio.Err, "dos: error: host command not found on PATH: '%s'\n", argv[0])
		return &exitError{code: exitNotFound}
	}
	code, err := execOrRun(bin, argv[1:], stdio)
	if err != nil {
		return fmt.Errorf("start %s: %w", argv[0], err)
	}
	if code != 0 {
		return &exitError{code: code}
	}
	return nil
}
