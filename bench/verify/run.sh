#!/usr/bin/env bash
# Times dos verify and dos plan against git log --grep on a generated
# 100,000-commit history, as whole processes, and prints ratios.
# Usage: bench/verify/run.sh [-commits N] [-rounds R] [-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./bench/verify "$@"
