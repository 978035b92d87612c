#!/usr/bin/env bash
# Times dos's start-up (version, warm verify hit and miss) side by side with
# a bare Go binary and git log --grep on a generated 100,000-commit history,
# as whole processes, and prints ratios, binary size, packages and init time.
# Usage: bench/start/run.sh [-commits N] [-rounds R] [-git-rounds G] [-dir DIR] [-before REV]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/start "$@"
