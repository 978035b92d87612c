#!/usr/bin/env bash
# Times dos-hook as whole processes, side by side with a bare Go program
# that reads stdin and exits (the floor), both started through the same
# shell, and prints each median as a ratio to the floor's.
# Usage: bench/hook/run.sh [-commits N] [-rounds R] [-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/hook "$@"
