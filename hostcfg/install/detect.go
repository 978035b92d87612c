package install

import (
	"os"
	"path/filepath"
	"strings"
)

// Detection is one host found in a project, with the evidence.
type Detection struct {
	Host Host `json:"host"`
	// Why says what was found: "<dir>/.claude", "claude on PATH",
	// "$CLAUDECODE set".
	Why []string `json:"why"`
}

// Detect looks for the hosts used in the project dir: their directories
// there, their programs on PATH (lookPath) and their markers in the
// environment (getenv). It starts no process.
func Detect(dir string, lookPath func(string) (string, error), getenv func(string) string) []Detection {
	var out []Detection
	for _, s := range Specs() {
		var why []string
		for _, m := range s.Markers {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m))); err == nil {
				why = append(why, m+"/")
			}
		}
		if lookPath != nil {
			for _, b := range s.Binaries {
				if _, err := lookPath(b); err == nil {
					why = append(why, b+" on PATH")
				}
			}
		}
		if getenv != nil {
			for _, e := range s.Env {
				if getenv(e) != "" {
					why = append(why, "$"+e+" set")
				}
			}
		}
		if len(why) > 0 {
			out = append(out, Detection{Host: s.Host, Why: why})
		}
	}
	return out
}

// DetectionText renders detections on one line.
func DetectionText(ds []Detection) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, string(d.Host)+" ("+strings.Join(d.Why, ", ")+")")
	}
	return "--hooks auto: detected " + strings.Join(parts, ", ")
}
