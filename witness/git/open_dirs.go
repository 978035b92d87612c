package git

import (
	"fmt"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// OpenDirs opens a repository whose directories are already known (from
// workspace resolution), keeping pack files open between object reads:
// verify reads a handful of trees and commits, and reopening the pack for
// each one would cost more than the reads.
func OpenDirs(gitDir, commonDir, worktree string) (*Repo, error) {
	var fs billy.Filesystem = osfs.New(gitDir)
	if commonDir != "" && commonDir != gitDir {
		fs = dotgit.NewRepositoryFilesystem(fs, osfs.New(commonDir))
	}
	st := filesystem.NewStorageWithOptions(fs, cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	r, err := gogit.Open(st, osfs.New(worktree))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", worktree, err)
	}
	return &Repo{Dir: worktree, R: r}, nil
}
