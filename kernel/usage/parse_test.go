package usage

import (
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Breakdown
	}{
		// Runs §12.7, observed: total 1500, cache_hit_ratio 0.8.
		{"inclusive nested", `{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":800},"completion_tokens_details":{"reasoning_tokens":100}}`,
			Breakdown{Input: 200, Output: 500, CacheRead: 800, Reasoning: 100}},
		{"inclusive flat", `{"prompt_tokens":10,"completion_tokens":5,"cached_tokens":4,"reasoning_tokens":5}`,
			Breakdown{Input: 6, Output: 5, CacheRead: 4, Reasoning: 5}},
		{"additive", `{"input_tokens":3,"output_tokens":40,"cache_read_input_tokens":20000,"cache_creation_input_tokens":500}`,
			Breakdown{Input: 3, Output: 40, CacheRead: 20000, CacheCreation: 500}},
		{"additive nulls are zero", `{"input_tokens":null,"output_tokens":7,"cache_read_input_tokens":null}`,
			Breakdown{Output: 7}},
		{"claude -p result", `{"type":"result","subtype":"success","total_cost_usd":0.1,"usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":900,"output_tokens":80,"service_tier":"standard","server_tool_use":{"web_search_requests":0}}}`,
			Breakdown{Input: 12, Output: 80, CacheRead: 900, CacheCreation: 100}},
		{"claude transcript line", `{"type":"assistant","message":{"id":"msg_1","usage":{"input_tokens":4,"output_tokens":9}}}`,
			Breakdown{Input: 4, Output: 9}},
		{"codex turn", `{"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":600,"output_tokens":50,"reasoning_output_tokens":20}}`,
			Breakdown{Input: 400, Output: 50, CacheRead: 600, Reasoning: 20}},
		{"codex rollout", `{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":500,"cached_input_tokens":100,"output_tokens":30,"reasoning_output_tokens":10,"total_tokens":530},"last_token_usage":{"input_tokens":1}}}}`,
			Breakdown{Input: 400, Output: 30, CacheRead: 100, Reasoning: 10}},
		{"responses api", `{"usage":{"input_tokens":300,"input_tokens_details":{"cached_tokens":100},"output_tokens":40,"output_tokens_details":{"reasoning_tokens":30}}}`,
			Breakdown{Input: 200, Output: 40, CacheRead: 100, Reasoning: 30}},
		{"gemini api", `{"usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":400,"candidatesTokenCount":50,"thoughtsTokenCount":25,"toolUsePromptTokenCount":5,"totalTokenCount":1080}}`,
			Breakdown{Input: 605, Output: 75, CacheRead: 400, Reasoning: 25}},
		// The Gemini CLI's documented sample: its total is 25113.
		{"gemini cli", `{"response":"ok","stats":{"models":{"gemini-2.5-pro":{"api":{"totalRequests":2},"tokens":{"prompt":24939,"candidates":20,"total":25113,"cached":21263,"thoughts":154,"tool":0}}}}}`,
			Breakdown{Input: 3676, Output: 174, CacheRead: 21263, Reasoning: 154}},
		{"pretty printed", "{\n  \"input_tokens\": 1,\n  \"output_tokens\": 2\n}\n", Breakdown{Input: 1, Output: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestSpendRatios(t *testing.T) {
	b, err := Parse([]byte(`{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":800},"completion_tokens_details":{"reasoning_tokens":100}}`))
	if err != nil {
		t.Fatal(err)
	}
	s := b.Spend()
	if s.Total != 1500 || s.Prefill != 1000 || s.Decode != 500 || s.CacheHitRatio != 0.8 || s.ReasoningShare != 0.2 {
		t.Fatalf("spend %+v", s)
	}
	if z := (Breakdown{}).Spend(); z.CacheHitRatio != 0 || z.OutputShare != 0 || z.ReasoningShare != 0 {
		t.Fatalf("empty spend has ratios: %+v", z)
	}
}

func TestParseStreams(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want Breakdown
	}{
		{"claude transcript counts a message once", strings.Join([]string{
			`{"type":"user","message":{"role":"user","content":"hi"}}`,
			`{"type":"assistant","message":{"id":"m1","usage":{"input_tokens":5,"output_tokens":1}}}`,
			`{"type":"assistant","message":{"id":"m1","usage":{"input_tokens":5,"output_tokens":30}}}`,
			`{"type":"assistant","message":{"id":"m2","usage":{"input_tokens":2,"cache_read_input_tokens":100,"output_tokens":10}}}`,
		}, "\n"), Breakdown{Input: 7, Output: 40, CacheRead: 100}},
		{"claude stream with its result takes the total", strings.Join([]string{
			`{"type":"assistant","message":{"id":"m1","usage":{"input_tokens":5,"output_tokens":1}}}`,
			`{"type":"result","usage":{"input_tokens":9,"output_tokens":99}}`,
		}, "\n"), Breakdown{Input: 9, Output: 99}},
		{"codex exec turns add up", strings.Join([]string{
			`{"type":"thread.started","thread_id":"t"}`,
			`{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":50,"output_tokens":10}}`,
			`{"type":"turn.completed","usage":{"input_tokens":200,"cached_input_tokens":150,"output_tokens":20}}`,
		}, "\n"), Breakdown{Input: 100, Output: 30, CacheRead: 200}},
		{"codex rollout keeps the last running total", strings.Join([]string{
			`{"type":"event_msg","payload":{"type":"token_count","info":null}}`,
			`{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":1}}}}`,
			`{"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":30,"cached_input_tokens":10,"output_tokens":4}}}}`,
		}, "\n"), Breakdown{Input: 20, Output: 4, CacheRead: 10}},
		{"a torn last line is ignored", `{"input_tokens":1,"output_tokens":2}` + "\n" + `{"input_tokens":5,"outp`,
			Breakdown{Input: 1, Output: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", ``, "empty"},
		{"blank", "  \n ", "empty"},
		{"not json", `nope`, "not JSON"},
		{"not an object", `[1,2]`, "not a JSON object"},
		{"neither shape", `{"tokens":5}`, "unrecognised"},
		{"both shapes", `{"input_tokens":1,"prompt_tokens":1}`, "ambiguous"},
		{"gemini mixed", `{"promptTokenCount":1,"input_tokens":1}`, "ambiguous"},
		{"string count", `{"input_tokens":"5"}`, "whole number"},
		{"float count", `{"input_tokens":5.0}`, "whole number"},
		{"exponent count", `{"input_tokens":1e3}`, "whole number"},
		{"bool count", `{"output_tokens":true,"input_tokens":1}`, "whole number"},
		{"negative", `{"input_tokens":-1}`, "negative"},
		{"huge", `{"input_tokens":99999999999999999999}`, "whole number"},
		{"too large", `{"input_tokens":2305843009213693953}`, "too large"},
		{"cached over prompt", `{"prompt_tokens":5,"prompt_tokens_details":{"cached_tokens":6}}`, "exceed"},
		{"codex cached over input", `{"input_tokens":5,"cached_input_tokens":6}`, "exceed"},
		{"reasoning over output", `{"prompt_tokens":5,"completion_tokens":1,"reasoning_tokens":2}`, "reasoning"},
		{"additive reasoning over output", `{"input_tokens":5,"output_tokens":1,"reasoning_output_tokens":2}`, "reasoning"},
		{"gemini cached over prompt", `{"usageMetadata":{"promptTokenCount":1,"cachedContentTokenCount":2}}`, "exceed"},
		{"gemini model without tokens", `{"stats":{"models":{"m":{"api":{}}}}}`, "tokens"},
		{"stream without usage", "{\"a\":1}\n{\"b\":2}", "none of the 2"},
		{"stream with a bad record", "{\"input_tokens\":1}\n{\"input_tokens\":-1}", "record 2"},
		{"corrupt middle line", "{\"input_tokens\":1}\n{bad\n{\"input_tokens\":1}", "not JSON"},
		{"stream sum overflows", "{\"input_tokens\":1152921504606846976}\n{\"input_tokens\":1152921504606846976}", "overflow"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":800}}`,
		`{"input_tokens":3,"output_tokens":40,"cache_read_input_tokens":20000}`,
		`{"type":"result","usage":{"input_tokens":1,"output_tokens":2}}`,
		"{\"message\":{\"id\":\"a\",\"usage\":{\"input_tokens\":1}}}\n{\"message\":{\"id\":\"a\",\"usage\":{\"input_tokens\":2}}}",
		`{"payload":{"info":{"total_token_usage":{"input_tokens":5,"cached_input_tokens":1}}}}`,
		`{"usageMetadata":{"promptTokenCount":3,"thoughtsTokenCount":1}}`,
		`{"stats":{"models":{"a":{"tokens":{"prompt":2,"cached":1}}}}}`,
		`{"input_tokens":1}` + "\n" + `{"inp`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data)
		if err != nil {
			return
		}
		for _, n := range []int64{b.Input, b.Output, b.CacheRead, b.CacheCreation, b.Reasoning} {
			if n < 0 {
				t.Fatalf("negative count in %+v", b)
			}
		}
		if b.Reasoning > b.Output {
			t.Fatalf("reasoning over output in %+v", b)
		}
		s := b.Spend()
		if s.Total != b.Input+b.Output+b.CacheRead+b.CacheCreation || s.Total < 0 {
			t.Fatalf("total %d for %+v", s.Total, b)
		}
		if s.CacheHitRatio < 0 || s.CacheHitRatio > 1 || s.OutputShare < 0 || s.OutputShare > 1 || s.ReasoningShare > 1 {
			t.Fatalf("ratios out of range: %+v", s)
		}
	})
}
