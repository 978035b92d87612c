// Package version holds dos's own version.
package version

import "runtime/debug"

// Version is the release version, set at link time with
// -ldflags "-X github.com/dispatchos/dos/internal/version.Version=v1.2.3".
var Version = "0.1.0-dev"

// String returns the version, with the VCS revision when the build has one.
func String() string {
	if info, ok := debug.ReadBuildInfo(); ok {
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
	info, ok := debug.ReadBuildInfo()
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
