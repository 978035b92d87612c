// Package hook holds the hook decisions: what dos answers when an agent's
// host asks before a tool call (pretool), after one (posttool), and when the
// agent wants to stop (stop, marker).
//
// Every host payload is first normalised (by hostcfg) into one [Event]: the
// moment, the tool in our vocabulary, its input as an object, the result,
// the session key, the working directory, the transcript path, the inline
// last message and stop_hook_active. The deciders here read an Event plus
// the evidence the caller gathered (live leases, protected paths, the tool
// stream, verify verdicts) and return a [Decision]: allow, warn or deny,
// with a reason and a reason class. A renderer in hostcfg turns the
// Decision into the exact bytes the host reads.
//
// # Pretool
//
// [Pretool] finds the call's write footprint ([Footprint]): read-only tools
// write nothing; file tools write their path; a shell command is parsed
// (quotes, operators, redirections, here-documents, cd, wrappers such as
// sudo and env, nested sh -c and command substitutions) and only its real
// write targets count: redirect targets, the files of in-place editors
// (sed -i, perl -i, tee, cp, mv, rm, touch, ...). A path a read-only
// command only mentions is not a write. Targets are made absolute against
// the event's working directory and then relative to the checkout root.
//
// A target that hits a protected path (dos.toml, .dos/, the verify index,
// the host hook and settings files, [self_modify] protect) is denied with
// SELF_MODIFY in every mode. A target inside a lane another holder leases
// is denied in loop mode and surfaced as a warning in an operator session;
// the caller's own lease never counts. A call whose footprint cannot be
// known is only ever a warning, and only when someone else holds a lane.
//
// # Posttool, stop and marker
//
// [Posttool] hashes the tool result (SHA-256 of its bytes, or of canonical
// JSON that keeps numbers as written) and classifies the session's recent
// steps as ADVANCING, REPEATING or STALLED; it returns the record to append
// and the decision. [Claims] reads completion claims from the agent's last
// message; [Stop] blocks a stop once when a claim is not backed by the
// caller's verify verdicts, and lets it through when the host says the stop
// hook is already active. [Marker] is the keep-alive budget.
//
// The package is pure: no files, no clock, no environment. Time comes in as
// a field.
package hook
