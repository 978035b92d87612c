package reasons

import (
	"errors"
	"fmt"
)

// Registry is an ordered, immutable list of reasons plus the morphology
// rules used to classify free-form tokens.
type Registry struct {
	specs []Spec
	index map[string]int
	rules []Rule
}

// New builds a registry: the built-ins, then declared in the given order.
// rules are the morphology rules; nil means [DefaultRules], an empty
// non-nil slice turns the substring rung off. An empty token, a bad
// category, a duplicate or a re-declared built-in is an error.
func New(declared []Spec, rules []Rule) (*Registry, error) {
	r := &Registry{index: map[string]int{}}
	for _, s := range builtins {
		r.add(s)
	}
	for _, s := range declared {
		k := Key(s.Token)
		if k == "" {
			return nil, errors.New("a reason has an empty token")
		}
		c, err := ParseCategory(string(s.Category))
		if err != nil {
			return nil, fmt.Errorf("reason %s: %w", k, err)
		}
		if _, dup := r.index[k]; dup {
			return nil, fmt.Errorf("reason %s is declared twice (or re-declares a built-in)", k)
		}
		s.Token, s.Category = k, c
		r.add(s)
	}
	if rules == nil {
		rules = DefaultRules()
	}
	for _, ru := range rules {
		if ru.Substring == "" {
			return nil, errors.New("a morphology rule has an empty substring")
		}
		if _, err := ParseCategory(string(ru.Category)); err != nil {
			return nil, fmt.Errorf("morphology rule %q: %w", ru.Substring, err)
		}
	}
	r.rules = append([]Rule{}, rules...)
	return r, nil
}

// Default is the registry of the built-ins alone.
func Default() *Registry {
	r, err := New(nil, nil)
	if err != nil {
		panic(err) // the built-ins are data checked by the tests
	}
	return r
}

func (r *Registry) add(s Spec) {
	r.index[Key(s.Token)] = len(r.specs)
	r.specs = append(r.specs, s)
}

// All returns the reasons in registry order (a copy).
func (r *Registry) All() []Spec { return append([]Spec{}, r.specs...) }

// Lookup finds a token, case-insensitively and ignoring surrounding space.
func (r *Registry) Lookup(token string) (Spec, bool) {
	i, ok := r.index[Key(token)]
	if !ok {
		return Spec{}, false
	}
	return r.specs[i], true
}

// CategoryFor is the token's category, UNCLASSIFIED when unknown.
func (r *Registry) CategoryFor(token string) Category {
	if s, ok := r.Lookup(token); ok {
		return s.Category
	}
	return Unclassified
}

// IsRefusal honours a known token's flag; an unknown token refuses.
func (r *Registry) IsRefusal(token string) bool {
	if s, ok := r.Lookup(token); ok {
		return s.Refusal
	}
	return true
}
