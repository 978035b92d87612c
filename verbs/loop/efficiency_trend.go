package loop

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
	"github.com/dispatchos/dos/state/verdictjournal"
)

// EfficiencyTrendArgs are the inputs of efficiency-trend.
type EfficiencyTrendArgs struct {
	Samples     string  `name:"samples" help:"work:tokens per run, oldest first, comma-separated (9:1000,8:1000,3:2000)"`
	FromJournal bool    `name:"from-journal" help:"read the runs from the efficiency verdicts in the verdict journal instead"`
	Run         string  `name:"run" help:"with --from-journal: only this run id's verdicts"`
	Last        int64   `name:"last" help:"with --from-journal: only the newest N verdicts (0: all)"`
	MinSamples  int64   `name:"min-samples" default:"3" help:"how many runs must exist before a trend is judged (never fewer than 3)"`
	Tolerance   float64 `name:"tolerance" default:"0.25" help:"the band around the baseline, as a fraction"`
}

// EfficiencyTrendResult is efficiency-trend's answer.
type EfficiencyTrendResult struct {
	History TrendHistory `json:"history"`
	Reason  string       `json:"reason"`
}

// TrendHistory echoes the runs that were judged.
type TrendHistory struct {
	Baseline   float64       `json:"baseline"`
	LastRatio  *float64      `json:"last_ratio"`
	PriorRatio *float64      `json:"prior_ratio"`
	RunCount   int           `json:"run_count"`
	Samples    []TrendSample `json:"samples"`
}

// TrendSample is one run.
type TrendSample struct {
	Ratio  float64 `json:"ratio"`
	Tokens int64   `json:"tokens"`
	Work   int64   `json:"work"`
}

// EfficiencyTrend judges work per token across runs.
var EfficiencyTrend = call.Def{
	Path:  "efficiency-trend",
	Short: "Is work per token fading across runs?",
	Long: `USE THIS WHEN: a loop runs again and again and you want to know whether each run
buys less work per token than the runs before it.

efficiency-trend takes the runs' (work, tokens) pairs, oldest first, from
--samples or from the efficiency verdicts recorded in the verdict journal
(--from-journal, optionally one --run and the --last N), and compares the last
two runs' work per token with the median of the runs before them:

  IMPROVING  (exit 0) both more than --tolerance above that baseline
  STEADY     (exit 0) anything else, or fewer than --min-samples runs
  DEGRADING  (exit 3) both more than --tolerance under it

Exactly one of --samples and --from-journal is required (exit 2 otherwise).`,
	Example: `  $ dos efficiency-trend --samples 9:1000,8:1000,3:2000,2:2400
  DEGRADING  the last two of 4 runs landed 0.0015 then 0.000833333 work per token, both more than 25% under the baseline of 0.0085 (the median of the runs before): degrading

  $ dos efficiency-trend --from-journal --last 10 --json`,
	Toolset:  call.Truth,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Improving, &Steady, &Degrading},
	Handler: &call.Typed[EfficiencyTrendArgs, EfficiencyTrendResult]{Fn: func(ctx context.Context, env *call.Env, a *EfficiencyTrendArgs) (*call.Reply[EfficiencyTrendResult], error) {
		if (strings.TrimSpace(a.Samples) != "") == a.FromJournal {
			return nil, call.Usagef("give exactly one of --samples and --from-journal")
		}
		if err := nonNegative(count{"last", a.Last}, count{"min-samples", a.MinSamples}); err != nil {
			return nil, err
		}
		p := economics.TrendPolicy{MinSamples: int(min(a.MinSamples, 1<<31)), Tolerance: a.Tolerance}
		if err := p.Validate(); err != nil {
			return nil, call.Usagef("--%v", err)
		}
		var samples []economics.Sample
		var err error
		if a.FromJournal {
			samples, err = journalSamples(env, a.Run, a.Last)
		} else {
			if a.Run != "" || a.Last != 0 {
				return nil, call.Usagef("--run and --last go with --from-journal")
			}
			samples, err = parseSamples(a.Samples)
		}
		if err != nil {
			return nil, err
		}
		v := economics.ClassifyTrend(samples, p)
		h := TrendHistory{Baseline: v.Baseline, RunCount: len(samples), Samples: make([]TrendSample, len(samples))}
		for i, s := range samples {
			h.Samples[i] = TrendSample{Ratio: s.Ratio(), Tokens: s.Tokens, Work: s.Work}
		}
		if n := len(samples); n >= 1 {
			h.LastRatio = &h.Samples[n-1].Ratio
			if n >= 2 {
				h.PriorRatio = &h.Samples[n-2].Ratio
			}
		}
		verdict := map[economics.Trend]call.Verdict{economics.Steady: Steady, economics.Improving: Improving, economics.Degrading: Degrading}[v.Verdict]
		return &call.Reply[EfficiencyTrendResult]{Verdict: verdict, Text: line(verdict, v.Reason),
			Body: EfficiencyTrendResult{History: h, Reason: v.Reason}, Interpretation: interpretTrend(v.Verdict)}, nil
	}},
}

// parseSamples reads "work:tokens,..." pairs.
func parseSamples(s string) ([]economics.Sample, error) {
	var out []economics.Sample
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		w, t, ok := strings.Cut(f, ":")
		wn, werr := strconv.ParseInt(strings.TrimSpace(w), 10, 64)
		tn, terr := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
		if !ok || werr != nil || terr != nil {
			return nil, call.Usagef("--samples wants work:tokens pairs separated by commas, got %q", f)
		}
		if wn < 0 || tn < 0 {
			return nil, call.Usagef("--samples counts cannot be negative, got %q", f)
		}
		out = append(out, economics.Sample{Work: wn, Tokens: tn})
	}
	return out, nil
}

// journalSamples reads the work and tokens of the efficiency verdicts in
// the verdict journal, oldest first.
func journalSamples(env *call.Env, run string, last int64) ([]economics.Sample, error) {
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	recs, err := verdictjournal.Read(verdictjournal.Path(ws, env.Getenv))
	if err != nil {
		return nil, err
	}
	var out []economics.Sample
	for _, r := range recs {
		if r.Syscall != "efficiency" || (run != "" && r.RunID != run) {
			continue
		}
		w, wok := detailCount(r.Detail, "evidence.work")
		t, tok := detailCount(r.Detail, "evidence.tokens")
		if wok && tok {
			out = append(out, economics.Sample{Work: w, Tokens: t})
		}
	}
	if last > 0 && int64(len(out)) > last {
		out = out[int64(len(out))-last:]
	}
	return out, nil
}

// detailCount reads a non-negative whole number from a journal detail.
func detailCount(d map[string]any, key string) (int64, bool) {
	n, ok := d[key].(json.Number)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(n.String(), 10, 64)
	return v, err == nil && v >= 0
}

func interpretTrend(v economics.Trend) string {
	switch v {
	case economics.Degrading:
		return "DEGRADING — recent runs buy less work per token than the runs before; find what changed."
	case economics.Improving:
		return "IMPROVING — recent runs buy more work per token than the runs before."
	}
	return "STEADY — work per token holds within the band (or there are too few runs to judge)."
}
