package audit

import (
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClaimKind is the kind of change a subject says happened.
type ClaimKind int

// The claim kinds, from no claim to a claimed code effect.
const (
	// ClaimNone is a subject with nothing checkable (housekeeping, or no
	// verb we recognise).
	ClaimNone ClaimKind = iota
	// ClaimDoc says documentation changed.
	ClaimDoc
	// ClaimTest says tests changed or now pass.
	ClaimTest
	// ClaimCodeEffect says the code now behaves differently.
	ClaimCodeEffect
)

// ClaimKinds lists every kind in display order.
var ClaimKinds = []ClaimKind{ClaimCodeEffect, ClaimTest, ClaimDoc, ClaimNone}

// String returns the JSON name of the kind.
func (k ClaimKind) String() string {
	switch k {
	case ClaimDoc:
		return "doc"
	case ClaimTest:
		return "test"
	case ClaimCodeEffect:
		return "code_effect"
	}
	return "none"
}

// Claim is the reading of one commit subject.
type Claim struct {
	// Kind is what the subject claims.
	Kind ClaimKind
	// Leads are the words that lead the subject: the first word, or for a
	// conventional subject ("fix(api): drop retries") the first word of the
	// head and of the remainder.
	Leads []string
	// Head is the conventional head before the colon ("fix(api)"), or "".
	Head string
	// Scope is the head's parenthesised scope ("api"), or "".
	Scope string
	// Housekeeping is the abstain word or phrase that made the claim none,
	// or "".
	Housekeeping string
	// PassPhrase is set when the subject says tests pass.
	PassPhrase bool
	// MoveLead is set when a lead is a rename or a move.
	MoveLead bool
	// CIScoped is set for a "ci:" or "x(ci):" head.
	CIScoped bool
}

// ReadSubject reads a commit subject into a Claim. The rules run in a fixed
// order; the first that matches decides the kind:
//
//  1. a housekeeping word or phrase: none;
//  2. a doc marker leading, a doc-shaped head or a doc scope: doc;
//  3. a pass phrase, a test lead, or a test word early in the window: test;
//  4. any doc lead, a doc file name, or a doc word in the window: doc;
//  5. a code-effect verb leading: code_effect; otherwise none.
func ReadSubject(subject string) Claim {
	s := strings.ToLower(strings.TrimSpace(subject))
	all := words(s)
	var c Claim
	body := s
	if i := strings.IndexByte(s, ':'); i > 0 {
		head := s[:i]
		if utf8.RuneCountInString(head) < headMax && !strings.ContainsFunc(head, unicode.IsSpace) {
			c.Head = head
			body = strings.TrimSpace(s[i+1:])
		}
	}
	bodyWords := words(body)
	window := bodyWords[:min(len(bodyWords), windowSize)]
	// lead phrases: each lead with the word after it in its own segment.
	var leadPairs []string
	if c.Head != "" {
		hw := words(c.Head)
		c.Leads = []string{first(hw), first(bodyWords)}
		leadPairs = []string{pair(hw), pair(bodyWords)}
		c.Scope, c.CIScoped = scopeOf(c.Head)
	} else {
		c.Leads = []string{first(all)}
		leadPairs = []string{pair(all)}
	}
	c.PassPhrase = hasPhrase(all, passPhrases)
	c.MoveLead = anyIn(c.Leads, moveLeads.get())
	c.Kind = classify(&c, s, all, window, leadPairs)
	return c
}

func classify(c *Claim, s string, all, window, leadPairs []string) ClaimKind {
	if w := firstIn(all, abstainWords.get()); w != "" {
		c.Housekeeping = w
		return ClaimNone
	}
	if p := phraseIn(all, abstainPhrases); p != "" {
		c.Housekeeping = p
		return ClaimNone
	}
	docHead := c.Head != "" && docShapedHead(c.Head)
	if docMarkers.get()[c.Leads[0]] || docHead || docScopes.get()[c.Scope] {
		return ClaimDoc
	}
	if c.PassPhrase || anyIn(c.Leads, testLeads.get()) || anyIn(leadPairs, testLeads.get()) || earlyTestWord(window) {
		return ClaimTest
	}
	if anyIn(c.Leads, docMarkers.get()) || docFileToken(s) || anyIn(window, docWindowWords.get()) || hasPhrase(all, docPhrases) {
		return ClaimDoc
	}
	if anyIn(c.Leads, codeEffectLeads.get()) {
		return ClaimCodeEffect
	}
	return ClaimNone
}

// earlyTestWord reports a test word among the first three window words that
// is not a noun modifier ("test results").
func earlyTestWord(window []string) bool {
	for i := 0; i < len(window) && i < 3; i++ {
		if !testWindowWords.get()[window[i]] {
			continue
		}
		if i+1 < len(window) && testFollowers.get()[window[i+1]] {
			continue
		}
		return true
	}
	return false
}

// docShapedHead reports a head that names a doc file or folder.
func docShapedHead(head string) bool {
	if hasDocSuffix(head) || strings.HasPrefix(head, "docs/") || strings.HasPrefix(head, "doc/") {
		return true
	}
	return docHeadBasenames.get()[path.Base(head)]
}

// docFileToken reports a whitespace token of s that is a doc file name.
func docFileToken(s string) bool {
	for _, tok := range strings.Fields(s) {
		tok = strings.Trim(tok, "`'\"()[]{}<>,;:!?")
		tok = strings.TrimRight(tok, ".")
		if hasDocSuffix(tok) && !isRequirementsFile(path.Base(tok)) {
			return true
		}
	}
	return false
}

// scopeOf returns the scope of a conventional head and whether the head
// (type or scope) is ci.
func scopeOf(head string) (scope string, ci bool) {
	typ := strings.TrimSuffix(head, "!")
	if i := strings.IndexByte(typ, '('); i >= 0 {
		if j := strings.LastIndexByte(typ, ')'); j > i {
			scope = typ[i+1 : j]
		}
		typ = typ[:i]
	}
	return scope, typ == "ci" || scope == "ci"
}

// words splits s into runs of letters, digits and underscores.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
	})
}

func first(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

// pair is the first two words joined by a space, or "".
func pair(ws []string) string {
	if len(ws) < 2 {
		return ""
	}
	return ws[0] + " " + ws[1]
}

func anyIn(ws []string, m map[string]bool) bool {
	return firstIn(ws, m) != ""
}

func firstIn(ws []string, m map[string]bool) string {
	for _, w := range ws {
		if w != "" && m[w] {
			return w
		}
	}
	return ""
}

func hasPhrase(ws []string, phrases [][]string) bool { return phraseIn(ws, phrases) != "" }

// phraseIn returns the first phrase found as a run of consecutive words.
func phraseIn(ws []string, phrases [][]string) string {
	for _, p := range phrases {
		for i := 0; i+len(p) <= len(ws); i++ {
			if slices.Equal(ws[i:i+len(p)], p) {
				return strings.Join(p, " ")
			}
		}
	}
	return ""
}
