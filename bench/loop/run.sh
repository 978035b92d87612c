#!/usr/bin/env bash
# Times dos loop (and dos watch) as whole processes on a 100,000-record lane
# journal and a 10,000-commit history, side by side with the process floor
# (dos version), and measures the peak resident size of a 1,000-tick
# dos loop --watch. Usage: bench/loop/run.sh [-records N] [-commits N]
# [-rounds R] [-ticks T] [-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/loop "$@"
