package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"
)

// Fold reads base.Path (a dos.toml) and folds it over base, which it
// changes and returns. An absent file leaves base as it is, silently.
//
// The file is parsed once. A syntax error (or an unreadable file) gives one
// warning, "warning: ignoring malformed dos.toml (<path>): <msg>", and the
// whole base. Otherwise each table folds on its own and a malformed one
// gives one warning, "warning: ignoring malformed [<table>] in <path>:
// <msg>", and keeps its base value:
//
//   - [lanes], [[concurrency_class]], [[reasons.morphology]], [lifecycle]
//     and [precursor] replace the base wholesale;
//   - [reasons.<TOKEN>] and [intervention.<TOKEN>] add to the built-ins;
//   - every other table overrides the base per key.
//
// Unknown keys in a table are errors (a typo is reported, not ignored);
// unknown top-level tables are listed in Config.Unknown for lint. A single
// string is accepted where a list of strings is expected.
func Fold(base *Config, warn func(string)) *Config {
	if warn == nil {
		warn = func(string) {}
	}
	data, err := os.ReadFile(base.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return base
	}
	if err != nil {
		warn(fmt.Sprintf("warning: ignoring malformed dos.toml (%s): %v", base.Path, err))
		return base
	}
	return Parse(base, data, warn)
}

// Parse folds the bytes of a dos.toml over base; see [Fold]. It never
// panics and always returns a usable config.
func Parse(base *Config, data []byte, warn func(string)) *Config {
	if warn == nil {
		warn = func(string) {}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		warn(oneLine(fmt.Sprintf("warning: ignoring malformed dos.toml (%s): %s", base.Path, syntaxMessage(err))))
		return base
	}
	c := base
	c.Declared = true
	for _, name := range slices.Sorted(maps.Keys(doc)) {
		v := doc[name]
		if name == "workspace" {
			continue // written by init for compatibility, read by nothing
		}
		if _, ok := v.(map[string]any); ok || name == "concurrency_class" {
			c.Tables = append(c.Tables, name)
		}
		if name == "reasons" {
			loadReasonTables(c, v, func(table string, err error) {
				warn(oneLine(fmt.Sprintf("warning: ignoring malformed [%s] in %s: %v", table, c.Path, err)))
			})
			continue
		}
		load, ok := loaders[name]
		if !ok {
			c.Unknown = append(c.Unknown, name)
			continue
		}
		if err := load(c, v); err != nil {
			warn(oneLine(fmt.Sprintf("warning: ignoring malformed [%s] in %s: %v", name, c.Path, err)))
		}
	}
	return c
}

// loaders fold one top-level table each. A loader changes c only when the
// whole table is valid.
var loaders = map[string]func(c *Config, v any) error{
	"lanes":             loadLanes,
	"paths":             loadPaths,
	"stamp":             loadStamp,
	"verify":            loadVerify,
	"ci":                loadCI,
	"overlap":           loadOverlap,
	"self_modify":       loadSelfModify,
	"plan":              loadPlan,
	"enumerate":         loadEnumerate,
	"cooldown":          loadCooldown,
	"supervise":         loadSupervise,
	"lifecycle":         loadLifecycle,
	"retention":         loadRetention,
	"data_class":        loadDataClass,
	"concurrency_class": loadConcurrencyClass,
	"intervention":      loadInterventions,
	"tool_stream":       loadToolStream,
	"marker":            loadMarker,
	"precursor":         loadPrecursor,
}

// KnownTables lists the top-level tables dos reads, sorted.
func KnownTables() []string {
	return slices.Sorted(slices.Values(append(slices.Collect(maps.Keys(loaders)), "reasons")))
}

// oneLine escapes control characters (a key may hold a newline) so a
// warning stays one line.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// syntaxMessage gives a parse error with its line and column when known.
func syntaxMessage(err error) string {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Sprintf("line %d, column %d: %s", row, col, de.Error())
	}
	return err.Error()
}
