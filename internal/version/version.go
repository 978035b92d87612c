// Package version holds dos's own version.
package version

import (
	"runtime/debug"
	"sync"
)

// Version is the release version, set at link time with
// -ldflags "-X github.com/dispatchos/dos/internal/version.Version=v1.2.3".
var Version = "0.1.0-dev"

// buildInfo is the binary's build information, parsed once: parsing it
// (every module the binary links) is a measurable part of a start.
var buildInfo struct {
	once sync.Once
	info *debug.BuildInfo
	ok   bool
}

func readBuildInfo() (*debug.BuildInfo, bool) {
	buildInfo.once.Do(func() { buildInfo.info, buildInfo.ok = debug.ReadBuildInfo() })
	return buildInfo.info, buildInfo.ok
}

// String returns the version, with the VCS revision when the build has one.
func String() string {
	if info, ok := readBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return Version + "+" + s.Value[:7]
			}
		}
	}
	return Version
}

// Commit returns the VCS revision the build was made from (12 hex digits,
// with "-dirty" for a modified tree), or "" when the build has none.
func Commit() string {
	info, ok := readBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && dirty {
		rev += "-dirty"
	}
	return rev
}
