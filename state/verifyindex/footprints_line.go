package verifyindex

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// footprintLine is one line of the footprint cache, as [Footprints.Put]
// writes it with encoding/json.
type footprintLine struct {
	Commit string   `json:"c"`
	Tree   string   `json:"t"`
	Parent string   `json:"u"`
	Paths  []string `json:"p"`
}

// parseFootprintLine decodes one cache line. The lines Put writes are read
// by a direct scan (the first use of encoding/json's reflection costs a
// warm verify more than the rest of the footprint lookup); any other
// spelling of the same JSON goes to encoding/json, so the two always
// agree (FuzzFootprintLine checks it).
func parseFootprintLine(line []byte) (footprintLine, error) {
	if l, ok := scanFootprintLine(line); ok {
		return l, nil
	}
	var l footprintLine
	err := json.Unmarshal(line, &l)
	return l, err
}

// scanFootprintLine reads the form json.Marshal gives a footprintLine:
// no white space, the keys "c", "t", "u", "p" in that order (any of them
// may be absent, as in the lines of earlier versions), strings without
// escapes. ok is false for anything else.
func scanFootprintLine(line []byte) (l footprintLine, ok bool) {
	s := line
	lit := func(p string) bool {
		if !bytes.HasPrefix(s, []byte(p)) {
			return false
		}
		s = s[len(p):]
		return true
	}
	str := func() (string, bool) {
		if len(s) == 0 || s[0] != '"' {
			return "", false
		}
		for i := 1; i < len(s); i++ {
			switch c := s[i]; {
			case c == '"':
				v := s[1:i]
				if !utf8.Valid(v) {
					return "", false // encoding/json would replace the bad bytes
				}
				s = s[i+1:]
				return string(v), true
			case c == '\\' || c < 0x20:
				return "", false
			}
		}
		return "", false
	}
	strs := func() ([]string, bool) {
		if !lit(`[`) {
			return nil, false
		}
		out := []string{}
		if lit(`]`) {
			return out, true
		}
		for {
			p, ok := str()
			if !ok {
				return nil, false
			}
			out = append(out, p)
			if lit(`]`) {
				return out, true
			}
			if !lit(`,`) {
				return nil, false
			}
		}
	}
	if !lit(`{`) {
		return l, false
	}
	fields := [...]struct {
		key string
		str *string
	}{{`"c":`, &l.Commit}, {`"t":`, &l.Tree}, {`"u":`, &l.Parent}, {`"p":`, nil}}
	sep := ""
	for _, f := range fields {
		if !lit(sep + f.key) {
			continue
		}
		sep = ","
		var ok bool
		if f.str != nil {
			*f.str, ok = str()
		} else {
			l.Paths, ok = strs()
		}
		if !ok {
			return footprintLine{}, false
		}
	}
	return l, lit(`}`) && len(s) == 0
}
