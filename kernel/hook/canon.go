package hook

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Canonical renders a decoded JSON value the way the reference hashes it:
// keys sorted by code point, ", " and ": " separators, non-ASCII written
// raw, and numbers written exactly as the host sent them (a json.Number
// keeps its literal, so 1.0 stays 1.0 and a large integer keeps every
// digit). Values that are not JSON types render as null.
func Canonical(v any) string {
	var b strings.Builder
	canon(&b, v)
	return b.String()
}

func canon(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(x.String())
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case int:
		b.WriteString(strconv.Itoa(x))
	case string:
		quote(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			canon(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			quote(b, k)
			b.WriteString(": ")
			canon(b, x[k])
		}
		b.WriteByte('}')
	default:
		b.WriteString("null")
	}
}

// quote writes s as a JSON string with only the escapes JSON requires.
func quote(b *strings.Builder, s string) {
	const hexdig = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hexdig[c>>4])
				b.WriteByte(hexdig[c&0xf])
				continue
			}
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// Digest is the first 16 hex digits of the SHA-256 of a result: a string's
// own UTF-8 bytes, anything else's [Canonical] form.
func Digest(v any) string {
	var data string
	if s, ok := v.(string); ok {
		data = s
	} else {
		data = Canonical(v)
	}
	sum := sha256.Sum256([]byte(data))
	return hex.EncodeToString(sum[:8])
}

// ArgsDigest identifies a call: the digest of {"input": input, "tool": tool}.
func ArgsDigest(tool string, input map[string]any) string {
	in := any(input)
	if input == nil {
		in = map[string]any{}
	}
	return Digest(map[string]any{"input": in, "tool": tool})
}
