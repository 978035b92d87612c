package install

import (
	"bytes"
	"fmt"
	"path/filepath"
)

// BackupSuffix is appended to a file's path to name its backup.
const BackupSuffix = ".dos-backup"

// FileState is one host file as found on disk, with its backup.
type FileState struct {
	Path      string
	Exists    bool
	Data      []byte
	HasBackup bool
	Backup    []byte
}

// Action is what a plan does to a file.
type Action string

// The actions.
const (
	// Keep leaves the file as it is.
	Keep Action = "unchanged"
	// Write replaces the file's bytes with the plan's Data.
	Write Action = "wrote"
	// Restore writes back the bytes the file had before dos wrote it.
	Restore Action = "restored"
	// Delete removes a file dos had created.
	Delete Action = "deleted"
)

// FilePlan says what to do to one file. Apply order: write the backup (when
// asked and none exists), then the file, then drop the backup.
type FilePlan struct {
	Path   string
	Action Action
	// Data is the new content for Write and Restore.
	Data []byte
	// WriteBackup asks for the file's current bytes to be saved as
	// Path+BackupSuffix, unless a backup is already there.
	WriteBackup bool
	// DropBackup asks for the backup to be deleted.
	DropBackup bool
	// Events says what happened to each event.
	Events []EventResult
}

// formatFor returns the editor for a host file.
func formatFor(s Spec, bin Binaries, path string) format {
	if filepath.Ext(path) == ".toml" {
		return tomlFormat{spec: s, bin: bin}
	}
	return jsonFormat{spec: s, bin: bin}
}

// planInstall wires every event into one file.
func planInstall(f format, st FileState) (FilePlan, error) {
	out, res, err := f.install(st.Data, st.Exists)
	if err != nil {
		return FilePlan{}, fmt.Errorf("%s: %w", st.Path, err)
	}
	p := FilePlan{Path: st.Path, Action: Keep, Events: res}
	if st.Exists && bytes.Equal(out, st.Data) {
		return p, nil
	}
	p.Action, p.Data = Write, out
	p.WriteBackup = st.Exists && !st.HasBackup
	return p, nil
}

// planRemove takes dos's entries out of one file. When the file, less dos's
// entries, is what an install over the original would leave less dos's
// entries (nothing but dos's entries changed since), the original comes back
// byte for byte: the backup's bytes, or no file when dos created it.
// Otherwise the entries are cut out and the rest of the file is kept.
func planRemove(f format, st FileState) (FilePlan, error) {
	p := FilePlan{Path: st.Path, Action: Keep}
	if !st.Exists {
		return p, nil
	}
	cut, res, err := f.remove(st.Data)
	if err != nil {
		return FilePlan{}, fmt.Errorf("%s: %w", st.Path, err)
	}
	p.Events = res
	removed := false
	for _, r := range res {
		removed = removed || r.Status == Removed
	}
	if !removed {
		return p, nil
	}
	// What an install over the original would have left, less dos.
	orig, origExists := st.Backup, st.HasBackup
	if inst, _, err := f.install(orig, origExists); err == nil {
		if ref, _, err := f.remove(inst); err == nil && bytes.Equal(ref, cut) {
			p.DropBackup = st.HasBackup
			if origExists {
				p.Action, p.Data = Restore, orig
			} else {
				p.Action = Delete
			}
			return p, nil
		}
	}
	p.Action, p.Data = Write, cut
	p.DropBackup = st.HasBackup
	return p, nil
}

// writtenFiles returns the files of s that dos writes (and cleans up) in
// the given list of the host's files.
func writtenFiles(s Spec, files []string) []string {
	if s.Host == Codex {
		return files
	}
	return files[:1]
}

// PlanInstall plans wiring host s into its files (the states of the paths
// [Options.Paths] gives, in that order).
func PlanInstall(s Spec, bin Binaries, files []FileState) ([]FilePlan, error) {
	if len(files) == 0 {
		return nil, fmt.Errorf("install: no file to write for %s", s.Host)
	}
	target := files[0]
	if s.Host == Codex && len(files) > 1 {
		target = codexTarget(s, bin, files[0], files[1])
	}
	p, err := planInstall(formatFor(s, bin, target.Path), target)
	if err != nil {
		return nil, err
	}
	return []FilePlan{p}, nil
}

// codexTarget picks the file of a Codex layer that gets dos's hooks: the
// config.toml that already holds dos's block; else hooks.json when it
// exists; else config.toml when that already defines hooks (one
// representation per layer, as Codex asks) and the block fits in it; else
// hooks.json.
func codexTarget(s Spec, bin Binaries, hooksJSON, configTOML FileState) FileState {
	if configTOML.Exists {
		if start, _, err := findBlock(configTOML.Data); err == nil && start >= 0 {
			return configTOML
		}
	}
	if hooksJSON.Exists {
		return hooksJSON
	}
	if configTOML.Exists && tomlHasHooks(configTOML.Data) {
		if _, _, err := (tomlFormat{spec: s, bin: bin}).install(configTOML.Data, true); err == nil {
			return configTOML
		}
	}
	return hooksJSON
}

// PlanRemove plans taking dos's entries out of host s's files.
func PlanRemove(s Spec, bin Binaries, files []FileState) ([]FilePlan, error) {
	var out []FilePlan
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	keep := map[string]bool{}
	for _, p := range writtenFiles(s, paths) {
		keep[p] = true
	}
	for _, f := range files {
		if !keep[f.Path] {
			continue
		}
		p, err := planRemove(formatFor(s, bin, f.Path), f)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
