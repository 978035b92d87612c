// Package economics decides whether a loop is still worth its spend: the
// loop-economics verdicts, each a pure function of counts the environment
// recorded (commits, tokens billed, test results), never of what the agent
// says about itself.
//
//   - [Productivity]: is the work landed per step fading? (a trend in a run)
//   - [Efficiency]: did the tokens buy work? (a ratio for a run)
//   - [Trend]: is work per token fading across runs?
//   - [Breaker]: have failures piled up past their limit?
//   - [Improve]: may a self-improving loop keep this candidate?
//   - [Reward]: may training bank this trajectory as a positive?
//   - [WorkKind]: what kind of work did an iteration land?
//   - [NoOpStreak]: has a loop spent its budget of turns that changed nothing?
//
// Every decider is advisory: it answers, and the caller acts. Policies are
// plain values with a Validate method; inputs the caller has not validated
// (negative counts) are a programming error, not a verdict.
package economics
