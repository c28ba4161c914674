#!/usr/bin/env bash
# Static checks on the demo service: `shipcheck run` must finish in under 1 s (target from
# the foundation issue) — measured with hyperfine beside what a person runs by hand for the
# same checklist items (the seeds' `git grep -i "password\|secret\|api_key"` with ripgrep,
# plus `git status --porcelain` and `git describe`), with the ratio printed.
#   bench/run_static.sh [SHIPCHECK_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/shipcheck}
[ -x "$bin" ] || { echo "bench: build first (make build)" >&2; exit 2; }
command -v hyperfine >/dev/null && command -v rg >/dev/null || { echo "bench: scripts/bootstrap --deps installs hyperfine and ripgrep" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SHIPCHECK=$bin scripts/demo setup "$work/svc" >/dev/null
bin=$(realpath "$bin")

hyperfine --warmup 3 --runs 20 --export-json "$work/h.json" -N \
  "$bin run $work/svc --no-store --format json" \
  "rg -n -i -e password -e secret -e api_key $work/svc" \
  "git -C $work/svc status --porcelain" >/dev/null

/usr/bin/python3 - "$work/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ship, rg, git = (x["mean"] * 1000 for x in r)
print(f"shipcheck run (23 static rules)   mean {ship:7.1f} ms")
print(f"ripgrep secret grep (peer)        mean {rg:7.1f} ms   ratio shipcheck/rg = {ship/rg:.1f}x")
print(f"git status --porcelain (peer)     mean {git:7.1f} ms   ratio shipcheck/git = {ship/git:.1f}x")
target = 1000.0
print(f"target: static checks < {target:.0f} ms: {'PASS' if ship < target else 'FAIL'}")
sys.exit(0 if ship < target else 1)
PY

rss=$( { /usr/bin/time -f '%M' "$bin" run "$work/svc" --no-store --format json >/dev/null; } 2>&1 | tail -1)
echo "peak memory: $((rss / 1024)) MiB (max RSS)"
