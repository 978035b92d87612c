package reasons

// Interpret is the one-line gloss of a check-reason answer, shared by the
// CLI's --explain and the MCP tool. It reads only the decided fields.
func Interpret(known, refusal bool) string {
	switch {
	case known && refusal:
		return "VALID reason — a refusal (route to replan): safe to emit as a reason_class."
	case known:
		return "VALID reason — advisory-only: safe to emit; it does not block or route to replan."
	}
	return "UNKNOWN reason — UNCLASSIFIED drift: do not emit it; pick a token from dos reasons (dos_refuse_reasons) or declare it under [reasons] in dos.toml first."
}
