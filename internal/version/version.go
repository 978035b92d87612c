// Package version holds dos's own version.
package version

import (
	"runtime/debug"

	"github.com/dispatchos/dos/internal/lazy"
)

// Version is the release version, set at link time with
// -ldflags "-X github.com/dispatchos/dos/internal/version.Version=v1.2.3".
var Version = "0.1.0-dev"

// settings are the binary's build settings (vcs.revision and the like),
// read once: parsing the build information (every module the binary
// links) is a measurable part of a start. Nil when the build has none.
var settings = lazy.Value[[]debug.BuildSetting]{New: func() []debug.BuildSetting {
	if info, ok := debug.ReadBuildInfo(); ok {
		return info.Settings
	}
	return nil
}}

// String returns the version, with the VCS revision when the build has one.
func String() string {
	for _, s := range settings.Get() {
		if s.Key == "vcs.revision" && len(s.Value) >= 7 {
			return Version + "+" + s.Value[:7]
		}
	}
	return Version
}

// Commit returns the VCS revision the build was made from (12 hex digits,
// with "-dirty" for a modified tree), or "" when the build has none.
func Commit() string {
	rev, dirty := "", false
	for _, s := range settings.Get() {
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
