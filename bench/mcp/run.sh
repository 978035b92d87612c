#!/usr/bin/env bash
# Times dos-mcp as a host sees it on a generated 10,000-commit history with a
# warm verify index: a whole session (start, initialize, tools/list, one
# dos_verify) and a steady dos_verify call on a running server, beside the
# CLI's verify and the process floor. Prints medians.
# Usage: bench/mcp/run.sh [-commits N] [-rounds R] [-calls C] [-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/mcp "$@"
