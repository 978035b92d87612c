#!/usr/bin/env bash
# Times whole dos processes for the lane verbs, side by side with the
# process floor (`dos version`), and prints ratios.
#
#   bench/lanes/run.sh [N]        N = sequential iterations (default 200)
#
# Figures: acquire+release per pair vs version; 8 concurrent acquirers'
# throughput (grants per second); `journal replay` of a 100,000-record
# journal, cold (no fold cache) and cached.
set -euo pipefail
N=${1:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DOS=$TMP/dos
(cd "$ROOT" && go build -o "$DOS" ./cmd/dos)

WS=$TMP/ws
mkdir -p "$WS"
git init -q "$WS"
cat > "$WS/dos.toml" <<'TOML'
[lanes]
concurrent = ["l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8"]
autopick = ["l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8"]

[lanes.trees]
l1 = ["l1/**"]
l2 = ["l2/**"]
l3 = ["l3/**"]
l4 = ["l4/**"]
l5 = ["l5/**"]
l6 = ["l6/**"]
l7 = ["l7/**"]
l8 = ["l8/**"]
TOML
export DISPATCH_WORKSPACE=$WS
unset DISPATCH_LANE_JOURNAL_PATH JOB_LANE_JOURNAL_PATH

now_ns() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (b - a) / 1e6 / n }'; }

# 1. the process floor
t0=$(now_ns)
for ((i = 0; i < N; i++)); do "$DOS" version >/dev/null; done
t1=$(now_ns)
floor=$(ms "$t0" "$t1" "$N")

# 2. acquire + release, sequential
t0=$(now_ns)
for ((i = 0; i < N; i++)); do
	"$DOS" lease-lane acquire --owner bench --lane l1 >/dev/null
	"$DOS" lease-lane release --owner bench --lane l1 >/dev/null
done
t1=$(now_ns)
pair=$(ms "$t0" "$t1" "$N")

# 3. 8 concurrent acquirers, each acquire+release on its own lane
PER=$((N / 4 > 10 ? N / 4 : 10))
t0=$(now_ns)
for w in 1 2 3 4 5 6 7 8; do
	(
		for ((i = 0; i < PER; i++)); do
			"$DOS" lease-lane acquire --owner "w$w" --lane "l$w" --exact --wait 30 >/dev/null
			"$DOS" lease-lane release --owner "w$w" --lane "l$w" --wait 30 >/dev/null
		done
	) &
done
wait
t1=$(now_ns)
grants=$((8 * PER))
tput=$(awk -v a="$t0" -v b="$t1" -v n="$grants" 'BEGIN { printf "%.1f", n / ((b - a) / 1e9) }')
seq=$("$DOS" journal seq | sed 's/.*"seq":\([0-9]*\).*/\1/')
want=$((2 * N + 2 * grants))

# 4. replay of a 100,000-record journal
J=$WS/.dos/big.jsonl
awk 'BEGIN {
	for (i = 0; i < 100000; i++) {
		lane = "l" (i % 8 + 1); loop = sprintf("2026-01-01T00:%02d:%02dZ", int(i / 1440) % 60, int(i / 24) % 60)
		k = int(i / 8) % 3
		if (k == 0)
			printf "{\"lane\":\"%s\",\"lane_kind\":\"cluster\",\"lease\":{\"acquired_at\":\"%s\",\"holder\":\"agent-%d\",\"host_id\":\"h\",\"lane\":\"%s\",\"lane_kind\":\"cluster\",\"loop_ts\":\"%s\",\"pid\":%d,\"tree\":[\"%s/**\"],\"ttl_minutes\":30},\"loop_ts\":\"%s\",\"op\":\"ACQUIRE\",\"seq\":%d,\"ts\":\"%s\"}\n", lane, loop, i % 8, lane, loop, 4000 + i, lane, loop, i + 1, loop
		else if (k == 1)
			printf "{\"heartbeat_at\":\"%s\",\"lane\":\"%s\",\"loop_ts\":\"%s\",\"op\":\"HEARTBEAT\",\"seq\":%d,\"ts\":\"%s\"}\n", loop, lane, loop, i + 1, loop
		else
			printf "{\"lane\":\"%s\",\"loop_ts\":\"%s\",\"op\":\"RELEASE\",\"seq\":%d,\"ts\":\"%s\"}\n", lane, loop, i + 1, loop
	}
}' >"$J"
export DISPATCH_LANE_JOURNAL_PATH=$J
rm -f "$J.fold"
t0=$(now_ns)
"$DOS" journal replay >/dev/null
t1=$(now_ns)
cold=$(ms "$t0" "$t1" 1)
# readers never write the fold cache; the first writer (here a reap, which
# scavenges the expired leases) folds under the lock and saves it
"$DOS" lease-lane reap >/dev/null
R=20
t0=$(now_ns)
for ((i = 0; i < R; i++)); do "$DOS" journal replay >/dev/null; done
t1=$(now_ns)
warm=$(ms "$t0" "$t1" "$R")
t0=$(now_ns)
for ((i = 0; i < R; i++)); do
	"$DOS" lease-lane acquire --owner big --lane l1 >/dev/null
	"$DOS" lease-lane release --owner big --lane l1 >/dev/null
done
t1=$(now_ns)
bigpair=$(ms "$t0" "$t1" "$R")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "lanes bench ($N iterations, $(nproc) cores)"
printf '  %-46s %8s ms\n' "dos version (process floor)" "$floor"
printf '  %-46s %8s ms   %sx floor\n' "acquire+release, sequential (per pair)" "$pair" "$(ratio "$pair" "$floor")"
printf '  %-46s %8s ms   %sx floor\n' "acquire+release on a 100k-record journal" "$bigpair" "$(ratio "$bigpair" "$floor")"
printf '  %-46s %8s grants/s (8 x %d pairs; seq %s of %s)\n' "8 concurrent acquirers" "$tput" "$PER" "$seq" "$want"
printf '  %-46s %8s ms   %sx floor\n' "journal replay, 100k records, cold" "$cold" "$(ratio "$cold" "$floor")"
printf '  %-46s %8s ms   %sx floor\n' "journal replay, 100k records, fold cache" "$warm" "$(ratio "$warm" "$floor")"
