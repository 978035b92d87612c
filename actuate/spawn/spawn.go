package spawn

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Worker is one process to start.
type Worker struct {
	// Argv is the program and its arguments (no shell).
	Argv []string
	// Dir is the working directory.
	Dir string
	// Env is added to this process's environment (later entries win).
	Env []string
	// Log receives the worker's standard output and error; empty discards
	// them.
	Log string
}

// Started is a worker that was started.
type Started struct {
	PID int
	// Wait waits for the worker to exit (a long-lived caller reaps its
	// children with it); it returns the process's error, if any.
	Wait func() error
}

// Start launches w without waiting for it.
func Start(w Worker) (Started, error) {
	if len(w.Argv) == 0 || w.Argv[0] == "" {
		return Started{}, errors.New("spawn: nothing to run")
	}
	cmd := exec.Command(w.Argv[0], w.Argv[1:]...)
	cmd.Dir = w.Dir
	cmd.Env = append(os.Environ(), w.Env...)
	detach(cmd)
	var log *os.File
	if w.Log != "" {
		if err := os.MkdirAll(filepath.Dir(w.Log), 0o755); err != nil {
			return Started{}, fmt.Errorf("spawn: log directory: %w", err)
		}
		f, err := os.OpenFile(w.Log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return Started{}, fmt.Errorf("spawn: log: %w", err)
		}
		log = f
		cmd.Stdout, cmd.Stderr = f, f
	}
	err := cmd.Start()
	if log != nil {
		log.Close() // the child holds its own descriptor
	}
	if err != nil {
		return Started{}, fmt.Errorf("spawn %s: %w", w.Argv[0], err)
	}
	return Started{PID: cmd.Process.Pid, Wait: cmd.Wait}, nil
}
