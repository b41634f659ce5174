#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzzer.sh TARGET SEEDS: runs a libFuzzer target for FUZZ_SECONDS (default 30) from its
# seed corpus, in a corpus directory of the build tree that grows from run to run
# (FUZZ_CORPUS_DIR, default fuzz/corpus-<target> there), then prints the executions and the
# coverage. A crash leaves its input in FUZZ_ARTIFACTS (default the build's fuzz/artifacts/)
# and fails the test.
set -eu
target=$1
seeds=$2
name=$(basename "$target")
here=$(dirname "$target")
corpus=${FUZZ_CORPUS_DIR:-$here/corpus-$name}
artifacts=${FUZZ_ARTIFACTS:-$here/artifacts}/
mkdir -p "$corpus" "$artifacts"
log=$here/$name.log
status=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  "$target" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 \
    -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
# The last status line: "#N DONE cov: E ft: F corp: C/S …"; then the final statistics.
grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$log" | tail -n 2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
if [ "$status" -ne 0 ]; then
  tail -n 60 "$log"
  echo "$name failed (status $status); the input is in $artifacts" >&2
fi
exit "$status"
