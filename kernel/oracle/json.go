package oracle

import (
	"bytes"
	"encoding/json"
)

// verdictJSON is the JSON object of a verdict: every key the reference
// writes (plan, phase, shipped, source, rung, sha, summary) plus ours
// (demoted_sha), on every answer. A key with nothing to say is null rather
// than absent, so a consumer can read any of them without a presence test.
type verdictJSON struct {
	Plan       string  `json:"plan"`
	Phase      string  `json:"phase"`
	Shipped    bool    `json:"shipped"`
	Source     string  `json:"source"`
	Rung       *string `json:"rung"`
	SHA        *string `json:"sha"`
	Summary    *string `json:"summary"`
	DemotedSHA *string `json:"demoted_sha"`
}

// MarshalJSON writes the verdict with all its keys, null where empty, the
// plan and phase through [Echo], and without HTML escaping (a subject may
// hold `<`, `>` or `&`).
func (v Verdict) MarshalJSON() ([]byte, error) {
	orNull := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(verdictJSON{Plan: Echo(v.Plan), Phase: Echo(v.Phase), Shipped: v.Shipped, Source: v.Source,
		Rung: orNull(v.Rung), SHA: orNull(v.SHA), Summary: orNull(v.Summary), DemotedSHA: orNull(v.DemotedSHA)})
	return bytes.TrimRight(buf.Bytes(), "\n"), err
}
