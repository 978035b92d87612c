package workspace

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/reasons"
)

// isBuiltinReason reports whether token names a built-in refusal reason,
// which dos.toml may not redeclare.
func isBuiltinReason(token string) bool {
	for _, b := range reasons.Builtins() {
		if reasons.Key(b.Token) == token {
			return true
		}
	}
	return false
}

// category checks a category name (any case) and returns its canonical
// spelling.
func category(s string) (string, error) {
	c, err := reasons.ParseCategory(s)
	return string(c), err
}

// loadReasonTables folds [reasons]: every sub-table but morphology is a
// declared reason (added to the built-ins), and morphology, reserved, is
// the [[reasons.morphology]] rule list (replacing the built-in rules). The
// two fail separately, so a bad morphology rule never drops the reasons.
func loadReasonTables(c *Config, v any, bad func(table string, err error)) {
	m, ok := v.(map[string]any)
	if !ok {
		bad("reasons", fmt.Errorf("want a table, got %s", typeName(v)))
		return
	}
	rest := maps.Clone(m)
	if mv, ok := rest["morphology"]; ok {
		delete(rest, "morphology")
		if rules, err := morphology(mv); err != nil {
			bad("reasons.morphology", err)
		} else {
			c.Morphology = rules
		}
	}
	decl, err := declaredReasons(rest)
	if err != nil {
		bad("reasons", err)
		return
	}
	maps.Copy(c.Reasons, decl)
}

func declaredReasons(m map[string]any) (map[string]ReasonDecl, error) {
	out := map[string]ReasonDecl{}
	for _, raw := range slices.Sorted(maps.Keys(m)) {
		token := strings.ToUpper(strings.TrimSpace(raw))
		if token == "" {
			return nil, errors.New("a reason token may not be empty")
		}
		if isBuiltinReason(token) {
			return nil, fmt.Errorf("%s is a built-in reason and cannot be redeclared", token)
		}
		if _, dup := out[token]; dup {
			return nil, fmt.Errorf("%s is declared twice", token)
		}
		t, err := asTable(m[raw])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", raw, err)
		}
		r := ReasonDecl{Refusal: true}
		if !t.has("category") && t.err == nil {
			return nil, fmt.Errorf("%s: category is required", raw)
		}
		t.str("category", &r.Category)
		t.boolean("refusal", &r.Refusal)
		t.str("summary", &r.Summary)
		t.str("fix", &r.Fix)
		t.strs("see_also", &r.SeeAlso)
		if err := t.done(); err != nil {
			return nil, fmt.Errorf("%s.%w", raw, err)
		}
		if r.Category, err = category(r.Category); err != nil {
			return nil, fmt.Errorf("%s: %w", raw, err)
		}
		out[token] = r
	}
	return out, nil
}

// morphology reads the rule list: {substring, category} tables or
// [substring, category] pairs. An empty list is kept (non-nil): it turns
// the rung off.
func morphology(v any) ([]MorphologyRule, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of rules, got %s", typeName(v))
	}
	out := make([]MorphologyRule, 0, len(l))
	for i, e := range l {
		var r MorphologyRule
		switch x := e.(type) {
		case map[string]any:
			t, _ := asTable(x)
			t.str("substring", &r.Substring)
			t.str("category", &r.Category)
			if err := t.done(); err != nil {
				return nil, fmt.Errorf("rule %d: %w", i+1, err)
			}
		case []any:
			p, err := stringList(x)
			if err != nil || len(p) != 2 {
				return nil, fmt.Errorf("rule %d: want [substring, category]", i+1)
			}
			r = MorphologyRule{Substring: p[0], Category: p[1]}
		default:
			return nil, fmt.Errorf("rule %d: want a table or a pair, got %s", i+1, typeName(e))
		}
		if strings.TrimSpace(r.Substring) == "" {
			return nil, fmt.Errorf("rule %d: substring may not be empty", i+1)
		}
		var err error
		if r.Category, err = category(r.Category); err != nil {
			return nil, fmt.Errorf("rule %d: %w", i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}
