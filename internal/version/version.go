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
