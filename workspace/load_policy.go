package workspace

import (
	"fmt"
	"slices"
	"strings"
)

// loadConcurrencyClass replaces [[concurrency_class]].
func loadConcurrencyClass(c *Config, v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want an array of tables ([[concurrency_class]]), got %s", typeName(v))
	}
	out := make([]ConcurrencyClass, 0, len(list))
	for i, e := range list {
		t, err := asTable(e)
		if err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
		var cc ConcurrencyClass
		if !t.has("name") || !t.has("max_concurrent") {
			return fmt.Errorf("item %d: name and max_concurrent are required", i+1)
		}
		t.str("name", &cc.Name)
		t.count("max_concurrent", &cc.MaxConcurrent)
		if err := t.done(); err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
		if strings.TrimSpace(cc.Name) == "" {
			return fmt.Errorf("item %d: name may not be empty", i+1)
		}
		if slices.ContainsFunc(out, func(o ConcurrencyClass) bool { return o.Name == cc.Name }) {
			return fmt.Errorf("item %d: %q is declared twice", i+1, cc.Name)
		}
		out = append(out, cc)
	}
	c.ConcurrencyClasses = out
	return nil
}
