package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"

	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/internal/smallfile"
)

// Fold reads base.Path (a dos.toml) and folds it over base, which it
// changes and returns. An absent file leaves base as it is, silently.
//
// The file is parsed once. A syntax error, an unreadable file or one over
// [MaxConfigBytes] or [MaxConfigKeys] gives one
// warning, "warning: ignoring malformed dos.toml (<path>): <msg>", and the
// whole base. Otherwise each table folds on its own and a malformed one
// gives one warning, "warning: ignoring malformed [<table>] in <path>:
// <msg>", and keeps its base value:
//
//   - [lanes], [[concurrency_class]] and [[reasons.morphology]] replace
//     the base wholesale;
//   - [reasons.<TOKEN>] adds to the built-ins;
//   - every other table overrides the base per key.
//
// Unknown keys in a table are errors (a typo is reported, not ignored).
// A top-level table of the schema that this version does not read (see
// [RecognisedTables]) is accepted unread and listed in Config.Recognised;
// any other unknown top-level name is listed in Config.Unknown. Lint
// reports both. A single string is accepted where a list of strings is
// expected.
func Fold(base *Config, warn func(string)) *Config {
	if warn == nil {
		warn = func(string) {}
	}
	data, err := smallfile.Read(base.Path, math.MaxInt)
	if errors.Is(err, fs.ErrNotExist) {
		return base
	}
	if err != nil {
		base.problem("", err.Error(), warn)
		return base
	}
	return Parse(base, data, warn)
}

// The bounds of a dos.toml dos will parse. The TOML library's time grows
// with the square of the keys in one table (0.2 s at 10,000 keys, 3 s at
// 40,000), and a configuration is a few kilobytes, so a larger file is
// refused as malformed instead of hanging every verb.
const (
	// MaxConfigBytes is the largest dos.toml read.
	MaxConfigBytes = 1 << 20
	// MaxConfigKeys bounds the key assignments (counted as "=" signs, an
	// over-count) in a dos.toml.
	MaxConfigKeys = 10_000
)

// tooLarge says why data is over the bounds, or "".
func tooLarge(data []byte) string {
	if len(data) > MaxConfigBytes {
		return fmt.Sprintf("the file is %d bytes, more than the %d a configuration may have", len(data), MaxConfigBytes)
	}
	if n := bytes.Count(data, []byte("=")); n > MaxConfigKeys {
		return fmt.Sprintf("the file has %d key assignments, more than the %d a configuration may have", n, MaxConfigKeys)
	}
	return ""
}

// Problem is a part of dos.toml that could not be read, so its defaults
// were kept. lint reports each one as an error; every other verb runs on
// the defaults after one warning.
type Problem struct {
	// Table is the top-level table ignored; "" is the whole file.
	Table string
	// Msg says what is wrong, with the line and column when known.
	Msg string
}

// problem records a part of the file that was ignored and warns once.
func (c *Config) problem(table, msg string, warn func(string)) {
	c.Problems = append(c.Problems, Problem{Table: table, Msg: msg})
	if table == "" {
		warn(oneLine(fmt.Sprintf("warning: ignoring malformed dos.toml (%s): %s", c.Path, msg)))
		return
	}
	warn(oneLine(fmt.Sprintf("warning: ignoring malformed [%s] in %s: %s", table, c.Path, msg)))
}

// Parse folds the bytes of a dos.toml over base; see [Fold]. It never
// panics and always returns a usable config.
func Parse(base *Config, data []byte, warn func(string)) *Config {
	if warn == nil {
		warn = func(string) {}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if why := tooLarge(data); why != "" {
		base.problem("", why, warn)
		return base
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		base.problem("", syntaxMessage(err), warn)
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
				c.problem(table, err.Error(), warn)
			})
			continue
		}
		load, ok := loaders.Get()[name]
		if !ok {
			if isRecognised(name) {
				c.Recognised = append(c.Recognised, name)
			} else {
				c.Unknown = append(c.Unknown, name)
			}
			continue
		}
		if err := load(c, v); err != nil {
			c.problem(name, err.Error(), warn)
		}
	}
	return c
}

// loaders fold one top-level table each, for the tables a verb of this
// version reads; the schema's other tables are in [recognised]. A loader
// changes c only when the whole table is valid.
var loaders = lazy.Value[map[string]func(c *Config, v any) error]{New: func() map[string]func(c *Config, v any) error {
	return map[string]func(c *Config, v any) error{
		"lanes":             loadLanes,            // lease-lane, admission, lint, doctor
		"paths":             loadPaths,            // every verb that finds a journal or plan
		"stamp":             loadStamp,            // verify, plan, lint, doctor
		"verify":            loadVerify,           // verify, plan, lint, doctor
		"overlap":           loadOverlap,          // admission, lint, doctor
		"self_modify":       loadSelfModify,       // admission's protected paths
		"plan":              loadPlan,             // lint (the plan source)
		"concurrency_class": loadConcurrencyClass, // admission's per-kind budgets
		"tool_stream":       loadToolStream,       // dos hook posttool
		"marker":            loadMarker,           // dos hook marker
		"liveness":          loadLiveness,         // liveness, status
		"supervise":         loadSupervise,        // loop, watch
		"exec_capability":   loadExecCapability,   // exec-capability
		"hooks":             loadHooks,            // dos hook stop (strict_stop)
		"fleet":             loadFleet,            // doctor, the lease store
	}
}}

// KnownTables lists the top-level tables this version reads, sorted.
func KnownTables() []string {
	return slices.Sorted(slices.Values(append(slices.Collect(maps.Keys(loaders.Get())), "reasons")))
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
