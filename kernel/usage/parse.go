package usage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Shape names the wire form a usage record was read in.
type Shape string

// The shapes [Parse] reads.
const (
	// Additive: input_tokens excludes the cache fields beside it
	// (Anthropic, Claude Code).
	Additive Shape = "additive"
	// Inclusive: prompt_tokens includes prompt_tokens_details.cached_tokens
	// (OpenAI chat completions).
	Inclusive Shape = "inclusive"
	// Responses: input_tokens includes input_tokens_details.cached_tokens
	// (OpenAI responses API).
	Responses Shape = "responses"
	// Codex: input_tokens includes cached_input_tokens (Codex CLI).
	Codex Shape = "codex"
	// Gemini: promptTokenCount includes cachedContentTokenCount, and
	// thoughtsTokenCount is output beside candidatesTokenCount (Gemini API,
	// and the Gemini CLI's per-model token stats).
	Gemini Shape = "gemini"
)

// Parse reads a usage record, or a stream of them, and returns the spend.
//
// One object must carry usage, bare or in one of the envelopes the package
// doc lists; anything else is an error. In a stream (JSON Lines), objects
// without usage are skipped, and at least one must have it. A stream that
// holds running totals (a Codex token_count event, a Claude Code result)
// answers the last of them; otherwise its per-message and per-turn records
// are summed, the repeated lines of one Claude message counted once. An
// unparseable last line of a longer stream (a record being written) is
// ignored.
func Parse(data []byte) (Breakdown, error) {
	vals, err := decodeAll(data)
	if err != nil {
		return Breakdown{}, err
	}
	if len(vals) == 0 {
		return Breakdown{}, errors.New("usage: no usage record (the input is empty)")
	}
	if len(vals) == 1 {
		f, ok, err := find(vals[0])
		if err != nil {
			return Breakdown{}, err
		}
		if !ok {
			return Breakdown{}, errors.New("usage: unrecognised usage record: expected input_tokens (additive shape), prompt_tokens (inclusive shape), promptTokenCount (Gemini), or one of them under usage, message.usage, usageMetadata, payload.info.total_token_usage or stats.models")
		}
		return f.b, nil
	}
	return fold(vals)
}

// found is one record's usage and how it adds up with others.
type found struct {
	b Breakdown
	// total marks a running total for the whole session.
	total bool
	// key is a Claude message id: records with the same key are one.
	key string
}

// fold combines the usage of a stream.
func fold(vals []map[string]any) (Breakdown, error) {
	var sum, last Breakdown
	haveTotal, seen := false, false
	byKey := map[string]Breakdown{}
	var keys []string
	for i, v := range vals {
		f, ok, err := find(v)
		if err != nil {
			return Breakdown{}, fmt.Errorf("record %d: %w", i+1, err)
		}
		if !ok {
			continue
		}
		seen = true
		switch {
		case f.total:
			last, haveTotal = f.b, true
		case f.key != "":
			if _, dup := byKey[f.key]; !dup {
				keys = append(keys, f.key)
			}
			byKey[f.key] = f.b
		default:
			if sum, err = sum.add(f.b); err != nil {
				return Breakdown{}, err
			}
		}
	}
	if !seen {
		return Breakdown{}, fmt.Errorf("usage: none of the %d records carries token usage", len(vals))
	}
	if haveTotal {
		return last, nil
	}
	for _, k := range keys {
		var err error
		if sum, err = sum.add(byKey[k]); err != nil {
			return Breakdown{}, err
		}
	}
	return sum, nil
}

// decodeAll reads every JSON value of data; each must be an object. A
// truncated last value after at least one good one is dropped.
func decodeAll(data []byte) ([]map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []map[string]any
	for {
		start := dec.InputOffset()
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			if len(out) > 0 && tornTail(data[start:]) {
				return out, nil
			}
			return nil, fmt.Errorf("usage: not JSON: %w", err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("usage: record %d is not a JSON object", len(out)+1)
		}
		out = append(out, m)
	}
}

// tornTail reports whether rest is one partial line: no newline before its
// trailing blanks.
func tornTail(rest []byte) bool {
	return !bytes.Contains(bytes.TrimSpace(rest), []byte("\n"))
}

// find locates the usage in one object, bare or in an envelope.
func find(o map[string]any) (found, bool, error) {
	if isRecord(o) {
		b, err := read(o)
		return found{b: b}, err == nil, err
	}
	if msg, ok := o["message"].(map[string]any); ok {
		if u, ok := msg["usage"].(map[string]any); ok && isRecord(u) {
			b, err := read(u)
			id, _ := msg["id"].(string)
			return found{b: b, key: id}, err == nil, err
		}
	}
	if u, ok := o["usage"].(map[string]any); ok && isRecord(u) {
		b, err := read(u)
		// Claude Code's final result carries the session's total.
		total := o["type"] == "result"
		return found{b: b, total: total}, err == nil, err
	}
	if u, ok := o["usageMetadata"].(map[string]any); ok && isRecord(u) {
		b, err := read(u)
		return found{b: b}, err == nil, err
	}
	info, _ := o["info"].(map[string]any)
	if p, ok := o["payload"].(map[string]any); ok {
		info, _ = p["info"].(map[string]any)
	}
	if u, ok := info["total_token_usage"].(map[string]any); ok && isRecord(u) {
		b, err := read(u)
		return found{b: b, total: true}, err == nil, err
	}
	if st, ok := o["stats"].(map[string]any); ok {
		if models, ok := st["models"].(map[string]any); ok && len(models) > 0 {
			b, err := geminiModels(models)
			return found{b: b}, err == nil, err
		}
	}
	return found{}, false, nil
}

// isRecord reports whether o is a bare usage record of some shape.
func isRecord(o map[string]any) bool {
	_, a := o["input_tokens"]
	_, i := o["prompt_tokens"]
	_, g := o["promptTokenCount"]
	return a || i || g
}

// read normalises one bare record by its shape.
func read(o map[string]any) (Breakdown, error) {
	_, hasInput := o["input_tokens"]
	_, hasPrompt := o["prompt_tokens"]
	_, hasGemini := o["promptTokenCount"]
	c := counter{o: o}
	switch {
	case hasInput && hasPrompt:
		return Breakdown{}, errors.New("usage: the record carries both input_tokens and prompt_tokens, so its shape is ambiguous")
	case hasGemini && (hasInput || hasPrompt):
		return Breakdown{}, errors.New("usage: the record mixes promptTokenCount with input_tokens or prompt_tokens, so its shape is ambiguous")
	case hasGemini:
		return gemini(c.n("promptTokenCount"), c.n("toolUsePromptTokenCount"), c.n("cachedContentTokenCount"),
			c.n("candidatesTokenCount"), c.n("thoughtsTokenCount"), c.err)
	case hasPrompt:
		cached := c.nested("prompt_tokens_details", "cached_tokens")
		reasoning := c.nested("completion_tokens_details", "reasoning_tokens")
		return inclusive(c.n("prompt_tokens"), cached, c.n("completion_tokens"), reasoning, "prompt_tokens", c.err)
	}
	if _, ok := o["cached_input_tokens"]; ok {
		return inclusive(c.n("input_tokens"), c.n("cached_input_tokens"), c.n("output_tokens"),
			c.n("reasoning_output_tokens"), "input_tokens", c.err)
	}
	if _, ok := o["input_tokens_details"]; ok {
		cached := c.nested("input_tokens_details", "cached_tokens")
		reasoning := c.nested("output_tokens_details", "reasoning_tokens")
		return inclusive(c.n("input_tokens"), cached, c.n("output_tokens"), reasoning, "input_tokens", c.err)
	}
	b := Breakdown{
		Input: c.n("input_tokens"), Output: c.n("output_tokens"), CacheRead: c.n("cache_read_input_tokens"),
		CacheCreation: c.n("cache_creation_input_tokens"), Reasoning: c.n("reasoning_output_tokens"),
	}
	if c.err != nil {
		return Breakdown{}, c.err
	}
	return b, checkReasoning(b)
}

// inclusive normalises a record whose input count includes the cached
// tokens.
func inclusive(in, cached, out, reasoning int64, inKey string, err error) (Breakdown, error) {
	if err != nil {
		return Breakdown{}, err
	}
	if cached > in {
		return Breakdown{}, fmt.Errorf("usage: %d cached tokens exceed the %d %s that include them", cached, in, inKey)
	}
	b := Breakdown{Input: in - cached, Output: out, CacheRead: cached, Reasoning: reasoning}
	return b, checkReasoning(b)
}

// gemini normalises Gemini's counts: the prompt includes the cache, tool
// prompts sit beside it, and thoughts are output beside the candidates.
func gemini(prompt, tool, cached, candidates, thoughts int64, err error) (Breakdown, error) {
	if err != nil {
		return Breakdown{}, err
	}
	if cached > prompt {
		return Breakdown{}, fmt.Errorf("usage: %d cached tokens exceed the %d prompt tokens that include them", cached, prompt)
	}
	return Breakdown{Input: prompt - cached + tool, Output: candidates + thoughts, CacheRead: cached, Reasoning: thoughts}, nil
}

// geminiModels sums the Gemini CLI's per-model token stats.
func geminiModels(models map[string]any) (Breakdown, error) {
	names := make([]string, 0, len(models))
	for k := range models {
		names = append(names, k)
	}
	slices.Sort(names)
	var sum Breakdown
	for _, name := range names {
		m, _ := models[name].(map[string]any)
		t, ok := m["tokens"].(map[string]any)
		if !ok {
			return Breakdown{}, fmt.Errorf("usage: stats.models[%q] has no tokens object", name)
		}
		c := counter{o: t}
		b, err := gemini(c.n("prompt"), c.n("tool"), c.n("cached"), c.n("candidates"), c.n("thoughts"), c.err)
		if err != nil {
			return Breakdown{}, fmt.Errorf("stats.models[%q]: %w", name, err)
		}
		if sum, err = sum.add(b); err != nil {
			return Breakdown{}, err
		}
	}
	return sum, nil
}

func checkReasoning(b Breakdown) error {
	if b.Reasoning > b.Output {
		return fmt.Errorf("usage: %d reasoning tokens exceed the %d output tokens they are part of", b.Reasoning, b.Output)
	}
	return nil
}

// counter reads counts from one object, keeping the first error.
type counter struct {
	o   map[string]any
	err error
}

// n reads the count under key: absent or null is 0; anything but a
// non-negative whole number is an error.
func (c *counter) n(key string) int64 { return c.from(c.o, key, key) }

// nested reads obj.key, falling back to a flat key when obj is absent.
func (c *counter) nested(obj, key string) int64 {
	if sub, ok := c.o[obj].(map[string]any); ok {
		return c.from(sub, key, obj+"."+key)
	}
	return c.n(key)
}

func (c *counter) from(o map[string]any, key, label string) int64 {
	v, ok := o[key]
	if !ok || v == nil || c.err != nil {
		return 0
	}
	num, isNum := v.(json.Number)
	if !isNum {
		c.err = fmt.Errorf("usage: %s must be a whole number of tokens, got %s", label, describe(v))
		return 0
	}
	n, err := strconv.ParseInt(num.String(), 10, 64)
	if err != nil {
		c.err = fmt.Errorf("usage: %s must be a whole number of tokens, got %s", label, num)
		return 0
	}
	if n < 0 {
		c.err = fmt.Errorf("usage: %s must not be negative, got %d", label, n)
		return 0
	}
	if n > maxCount {
		c.err = fmt.Errorf("usage: %s is too large (%d)", label, n)
		return 0
	}
	return n
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + strconv.Quote(v)
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%v", v)
}
