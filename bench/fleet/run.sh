#!/usr/bin/env bash
# Acquire+release through a local 3-member etcd cluster (embedded, no
# external binary) vs through the file journal, via the same store
# interface; grants per second with 8 and 40 concurrent acquirers.
#
#   bench/fleet/run.sh [-n N] [-d DURATION]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" && exec go run -tags etcd ./bench/fleet "$@"
