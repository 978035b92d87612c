package workspace

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// table reads the keys of one decoded TOML table into typed fields. The
// first problem sticks in err and later reads are skipped, so a loader can
// read every key and check err once. Keys never read are reported by done
// as unknown.
type table struct {
	m    map[string]any
	used map[string]bool
	err  error
}

// asTable opens a decoded value as a table.
func asTable(v any) (*table, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want a table, got %s", typeName(v))
	}
	return &table{m: m, used: map[string]bool{}}, nil
}

// get marks key used and returns its value.
func (t *table) get(key string) (any, bool) {
	if t.err != nil {
		return nil, false
	}
	t.used[key] = true
	v, ok := t.m[key]
	return v, ok
}

func (t *table) fail(key, format string, a ...any) {
	if t.err == nil {
		t.err = fmt.Errorf("%s: %s", key, fmt.Sprintf(format, a...))
	}
}

// has reports whether key is present (and marks it used).
func (t *table) has(key string) bool {
	_, ok := t.get(key)
	return ok
}

func (t *table) str(key string, dst *string) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	s, ok := v.(string)
	if !ok {
		t.fail(key, "want a string, got %s", typeName(v))
		return
	}
	*dst = s
}

// strs reads a list of strings; a single string is taken as a list of one.
func (t *table) strs(key string, dst *[]string) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	l, err := stringList(v)
	if err != nil {
		t.fail(key, "%v", err)
		return
	}
	*dst = l
}

func (t *table) boolean(key string, dst *bool) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	b, ok := v.(bool)
	if !ok {
		t.fail(key, "want true or false, got %s", typeName(v))
		return
	}
	*dst = b
}

// count reads a whole number that may not be negative.
func (t *table) count(key string, dst *int) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	n, ok := v.(int64)
	if !ok {
		t.fail(key, "want a whole number, got %s", typeName(v))
		return
	}
	if n < 0 || n > math.MaxInt32 {
		t.fail(key, "want a number from 0 to %d, got %d", math.MaxInt32, n)
		return
	}
	*dst = int(n)
}

// number reads a finite number, whole or not.
func (t *table) number(key string, dst *float64) {
	v, ok := t.get(key)
	if !ok {
		return
	}
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	default:
		t.fail(key, "want a number, got %s", typeName(v))
		return
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		t.fail(key, "want a finite number, got %v", x)
		return
	}
	*dst = x
}

// done reports the first unknown key, or the first read error.
func (t *table) done() error {
	if t.err != nil {
		return t.err
	}
	for _, k := range slices.Sorted(maps.Keys(t.m)) {
		if !t.used[k] {
			return fmt.Errorf("unknown key %q", k)
		}
	}
	return nil
}

// stringList accepts a string or a list of strings.
func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("item %d: want a string, got %s", i+1, typeName(e))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list of strings, got %s", typeName(v))
}

// typeName names a decoded TOML value's type for a message.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	t := fmt.Sprintf("%T", v)
	if strings.Contains(t, "Local") || strings.Contains(t, "time.") {
		return "a date or time"
	}
	return t
}
