package hook

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/dispatchos/dos/internal/lazy"
)

// Claim is one "this shipped" statement found in the agent's words.
type Claim struct {
	Plan  string `json:"plan"`
	Phase string `json:"phase"`
	// Rung is how it was found: "marker" (a DOS-CLAIM line) or
	// "heuristic" (plain words, strict mode only).
	Rung string `json:"rung"`
	// Raw is the line it came from.
	Raw string `json:"raw"`
	// Confident is true for a marker: the agent said it on purpose.
	Confident bool `json:"confident"`
}

// The claim rungs.
const (
	RungMarkerClaim    = "marker"
	RungHeuristicClaim = "heuristic"
)

// The claim patterns are compiled on first use: a hook process that only
// serves pretool never pays for them.
var claimRE = lazy.Value[claimPatterns]{New: func() (r claimPatterns) {
	r.marker = regexp.MustCompile(`^[ \t>*\-]*DOS-CLAIM:[ \t]+(\S+)[ \t]+(\S+)[ \t]*$`)
	r.done = regexp.MustCompile(`(?i)\b(shipped|landed|completed|finished|done|merged)\b`)
	r.phase = regexp.MustCompile(`\b([A-Z][A-Z_]*[A-Z])(\d+)\b`)
	return r
}}

// claimPatterns are the compiled claim patterns.
type claimPatterns struct{ marker, done, phase *regexp.Regexp }

// isNegation reports a word that turns "is done" into "is not done".
func isNegation(w string) bool {
	switch w {
	case "not", "never", "no", "isn't", "isnt", "wasn't", "wasnt", "aren't", "hasn't", "haven't", "hadn't", "didn't", "yet", "weren't", "won't", "cannot", "can't", "nothing":
		return true
	}
	return false
}

// Claims finds the completion claims in text. A line
// "DOS-CLAIM: <plan> <phase>" (after optional quote or list marks) is
// always a claim. With strict, a line that says a phase token such as
// AUTH1 is shipped, landed, completed, finished, done or merged is one too
// (plan AUTH, phase AUTH1), unless the word is negated ("not done", "isn't
// finished yet"). Each (plan, phase) is listed once, markers first.
func Claims(text string, strict bool) []Claim {
	var out []Claim
	seen := map[[2]string]bool{}
	add := func(c Claim) {
		k := [2]string{c.Plan, c.Phase}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, c)
	}
	re := claimRE.Get()
	lines := strings.Split(text, "\n")
	for _, line := range lines {
		line = strings.TrimRight(line, "\r")
		if m := re.marker.FindStringSubmatch(line); m != nil {
			add(Claim{Plan: m[1], Phase: m[2], Rung: RungMarkerClaim, Raw: strings.TrimSpace(line), Confident: true})
		}
	}
	if !strict {
		return out
	}
	for _, line := range lines {
		line = strings.TrimRight(line, "\r")
		if re.marker.MatchString(line) || !claimsDone(line) {
			continue
		}
		for _, m := range re.phase.FindAllStringSubmatch(line, -1) {
			add(Claim{Plan: m[1], Phase: m[0], Rung: RungHeuristicClaim, Raw: strings.TrimSpace(line)})
		}
	}
	return out
}

// claimsDone reports whether line holds a completion word that is not
// negated by one of the two words before it.
func claimsDone(line string) bool {
	for _, loc := range claimRE.Get().done.FindAllStringIndex(line, -1) {
		before := strings.Fields(strings.ToLower(line[:loc[0]]))
		negated := false
		for i := len(before) - 1; i >= 0 && i >= len(before)-2; i-- {
			w := strings.Trim(before[i], `.,;:!?"'()`)
			if isNegation(w) || strings.HasSuffix(w, "n't") {
				negated = true
			}
		}
		if !negated {
			return true
		}
	}
	return false
}

// TranscriptText returns the text of the last n assistant turns of a
// JSON Lines transcript, joined by newlines. It reads the shapes the hosts
// write: {"message": {"role": "assistant", "content": ...}} (Claude Code),
// {"type": "response_item", "payload": {"role": "assistant", ...}} (Codex
// rollouts), and {"role"|"type": "assistant"|"model"|"gemini", "content" or
// "parts": ...}. Content is a string or a list of blocks whose text is
// under "text". Lines without assistant text are skipped.
func TranscriptText(data []byte, n int) string {
	if n < 1 {
		n = 1
	}
	var turns []string
	for line := range strings.SplitSeq(string(data), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var obj map[string]any
		if json.Unmarshal([]byte(line), &obj) != nil {
			continue
		}
		if t := assistantText(obj); t != "" {
			turns = append(turns, t)
		}
	}
	if len(turns) > n {
		turns = turns[len(turns)-n:]
	}
	return strings.Join(turns, "\n")
}

func assistantText(obj map[string]any) string {
	for _, k := range []string{"message", "payload"} {
		if m, ok := obj[k].(map[string]any); ok {
			if t := assistantText(m); t != "" {
				return t
			}
		}
	}
	role, _ := obj["role"].(string)
	if role == "" {
		role, _ = obj["type"].(string)
	}
	switch role {
	case "assistant", "model", "gemini":
	default:
		return ""
	}
	for _, k := range []string{"content", "parts"} {
		if t := blockText(obj[k]); t != "" {
			return t
		}
	}
	return ""
}

func blockText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var parts []string
		for _, b := range x {
			switch bb := b.(type) {
			case string:
				parts = append(parts, bb)
			case map[string]any:
				typ, _ := bb["type"].(string)
				if typ != "" && typ != "text" && typ != "output_text" {
					continue
				}
				if t, ok := bb["text"].(string); ok && t != "" {
					parts = append(parts, t)
				}
			}
		}
		return strings.Join(parts, "\n")
	}
	return ""
}
