// Package usage reads token-usage records, the provider's own bill of what a
// run spent, into one disjoint breakdown: fresh input, output, cache reads,
// cache writes, and the reasoning share of the output.
//
// Providers write usage in two families of shape, and mixing them up counts
// cached tokens twice. In the additive shape (Anthropic's Messages API and
// Claude Code) the input count excludes cache traffic, which sits beside it.
// In the inclusive shape (OpenAI's chat and responses APIs, Codex, Gemini)
// the prompt count already holds the cached tokens, which are subtracted
// once here. [Parse] recognises the bare records and the envelopes the three
// coding agents write them in:
//
//   - Claude Code: a transcript line ({"message":{"id","usage"}}; repeated
//     lines of one message count once) and the -p result ({"type":"result",
//     "usage"}, the session's total);
//   - Codex: exec --json turn events ({"usage":{"input_tokens",
//     "cached_input_tokens",...}}) and rollout token_count events
//     ({"payload":{"info":{"total_token_usage"}}}, a running total);
//   - Gemini: the API's usageMetadata and the CLI's --output-format json
//     stats ({"stats":{"models":{name:{"tokens"}}}}).
//
// Input is one JSON object or a stream of them (JSON Lines). Every count
// must be a non-negative whole number; a sub-count larger than the count it
// belongs to is refused rather than clamped. The package is pure: bytes in,
// a breakdown or an error out.
package usage
