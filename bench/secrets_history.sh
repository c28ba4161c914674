#!/usr/bin/env bash
# Git history secret scanning: `shipcheck scan secrets --history` (every unique blob reachable
# from all refs, read once) against what diff-based scanners do (scan each commit's patch,
# `git log -p --all`), on a generated repository of COMMITS commits (a few hundred files, 1-5
# files edited per commit, branches, tags, fake secrets added and later removed).
# Prints commits/s, the speed-up of blob deduplication and the peak memory of each (bounded
# memory: no whole-repository buffering). `git log -p` alone is timed as well: it is the floor
# of any diff-based scanner, whatever its matcher; rg on that stream is a diff-based grep.
#
#   bench/secrets_history.sh [COMMITS]     (default 20000)
# Environment: SHIPCHECK, BENCH_DIR, RUNS, PEERS_ONLY as for bench/secrets.sh.
# Exit: 0 when every command ran; 1 when one failed; 2 when shipcheck has no working
# `scan secrets` (unless PEERS_ONLY=1) or setup failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/secrets_lib.sh

commits=${1:-20000}
bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
[[ $commits =~ ^[0-9]+$ && $commits -ge 100 && $runs =~ ^[1-9][0-9]*$ ]] ||
  bench_fail "COMMITS must be a whole number >= 100 and RUNS >= 1"
for tool in rg git /usr/bin/time; do
  command -v "$tool" >/dev/null || bench_fail "$tool is missing (scripts/bootstrap --deps)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$(bench_cache_dir)

have_shipcheck=1
if ! why=$(shipcheck_secrets_status); then
  have_shipcheck=0
  echo "bench: shipcheck cannot scan for secrets: $why" >&2
  [[ ${PEERS_ONLY:-0} == 1 ]] || bench_fail "nothing to compare; build a shipcheck with 'scan secrets' (or set PEERS_ONLY=1 to time the peer side alone)"
fi
[[ $have_shipcheck == 1 ]] && bin=$(realpath "$bin")

repo=$(corpus_path "$cache" history "$commits")
ensure_corpus "$repo" history "$commits"

rg_args=()
for p in "${rg_patterns[@]}"; do rg_args+=(-e "$p"); done

# What the history holds: commits on all refs, unique blobs and their bytes, patch bytes.
n_commits=$(git -C "$repo" rev-list --all | wc -l)
read -r n_blobs blob_bytes < <(git -C "$repo" rev-list --all --objects | cut -d' ' -f1 |
  git -C "$repo" cat-file --batch-check='%(objecttype) %(objectsize)' |
  awk '$1 == "blob" {n++; s += $2} END {print n, s}')
patch_bytes=$(git -C "$repo" log -p --all --format=%H | wc -c)

echo "bench: $n_commits commits, $n_blobs unique blobs; $runs timed runs per command after one warm-up" >&2
# Pipelines run under bash with pipefail: a failing `git log` is a failure, not a fast run.
# shellcheck disable=SC2016  # expanded by the inner bash
diff_scan='set -o pipefail; git -C "$1" log -p --all --format=%H | "$2" scan secrets - --format json --output "$3"'
if [[ $have_shipcheck == 1 ]]; then
  measure history "0 1" "$bin" scan secrets "$repo" --history --format json --output @OUT@ || exit 1
  measure diffs "0 1" bash -c "$diff_scan" _ "$repo" "$bin" @OUT@ || exit 1
fi
measure git-log-p "0" git -C "$repo" log -p --all --format=%H || exit 1
# shellcheck disable=SC2016  # expanded by the inner bash
measure rg-diffs "0 1" bash -c 'set -o pipefail; git -C "$1" log -p --all --format=%H | rg -c "${@:2}" -' \
  _ "$repo" "${rg_args[@]}" || exit 1

/usr/bin/python3 - "$work" "$n_commits" "$n_blobs" "$blob_bytes" "$patch_bytes" "$have_shipcheck" <<'PY'
import json, sys
work, commits, blobs, blob_bytes, patch_bytes = sys.argv[1], *map(int, sys.argv[2:6])
have_ship = sys.argv[6] == "1"
rows = {}
for line in open(f"{work}/results.tsv"):
    name, secs, rss = line.split("\t")
    rows[name] = (float(secs), int(rss) / 1024)

def findings(name):
    report = json.load(open(f"{work}/{name}.report"))
    return sum(1 for r in report.get("results", []) if r.get("status") == "fail")

labels = {
    "history": "shipcheck --history (unique blobs once)",
    "diffs": "git log -p --all | shipcheck -",
    "git-log-p": "git log -p --all (diff generation alone)",
    "rg-diffs": "git log -p --all | rg, 20 patterns",
}
print(f"\nsecret scanning, git history: {commits} commits, {blobs} unique blobs "
      f"({blob_bytes / 1e6:.1f} MB), patches of all commits {patch_bytes / 1e6:.1f} MB")
print(f"{'command':<42} {'seconds':>8} {'commits/s':>10} {'RSS MiB':>8} {'findings':>9}")
for name in ("history", "diffs", "git-log-p", "rg-diffs"):
    if name not in rows:
        print(f"{labels[name]:<42} {'not available':>37}")
        continue
    secs, rss = rows[name]
    found = f"{findings(name):9d}" if name in ("history", "diffs") else f"{'-':>9}"
    print(f"{labels[name]:<42} {secs:8.2f} {commits / secs:10.0f} {rss:8.1f} {found}")
print("RSS: peak resident set of the largest process of the command")
if have_ship:
    speedup = rows["diffs"][0] / rows["history"][0]
    print(f"blob deduplication speed-up over scanning each commit's diff: {speedup:.2f}x")
    print(f"shipcheck --history vs git log -p alone: {rows['git-log-p'][0] / rows['history'][0]:.2f}x")
else:
    print("shipcheck: not measured (no working 'scan secrets'); the speed-up needs it")
PY
