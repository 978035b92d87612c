#!/usr/bin/env bash
# Times dos liveness and dos status side by side with the process floor
# (dos version) on a 100,000-record lane journal and a 10,000-commit history,
# the fold cache and verify index warm, and prints ratios.
# Usage: bench/runs/run.sh [-commits N] [-records N] [-rounds R] [-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/runs "$@"
