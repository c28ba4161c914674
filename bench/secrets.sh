#!/usr/bin/env bash
# Working-tree secret scanning throughput, in one run on one generated tree (>= 200 MB of
# source-like text, one git commit, fake secrets planted from a seed):
#   shipcheck scan secrets (every rule)   vs   rg with 20 secret patterns,
#   git grep -i "password\|secret\|api_key" (what the seed checklists run by hand), and
#   secretlint with its recommended preset (npm; installed under the cache on first use).
# Each tool runs once to warm the page cache, then RUNS times; the best run counts.
# Targets from the secret-scanning issue: shipcheck at least as fast as rg (>= 1.0x) and
# >= 100x secretlint. They are reported, not enforced: the numbers are the result.
#
#   bench/secrets.sh [SIZE_MB]          (default 200)
# Environment:
#   SHIPCHECK=build/shipcheck   binary under test
#   BENCH_DIR=build/bench       cache for the tree and the npm install (never a tracked path)
#   RUNS=3                      timed runs per tool (best of)
#   SECRETLINT_MB=SIZE_MB       run secretlint on the first shards only (~2 MB each); its MB/s
#                               is then measured on that subset, and the table says so
#   PEERS_ONLY=1                time the peer tools even when shipcheck cannot scan yet
# Exit: 0 when every tool ran; 1 when a tool failed; 2 when shipcheck has no working
# `scan secrets` (unless PEERS_ONLY=1) or setup failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/secrets_lib.sh

size_mb=${1:-200}
bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
secretlint_mb=${SECRETLINT_MB:-$size_mb}
secretlint_version=13.0.6
preset_version=13.0.7
[[ $size_mb =~ ^[0-9]+$ && $secretlint_mb =~ ^[0-9]+$ && $runs =~ ^[1-9][0-9]*$ ]] ||
  bench_fail "SIZE_MB, SECRETLINT_MB and RUNS must be whole numbers"
for tool in rg git /usr/bin/time; do
  command -v "$tool" >/dev/null || bench_fail "$tool is missing (scripts/bootstrap --deps)"
done
for tool in node npm; do
  command -v "$tool" >/dev/null || bench_fail "$tool is missing: Node.js runs secretlint, the npm peer"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$(bench_cache_dir)

have_shipcheck=1
if ! why=$(shipcheck_secrets_status); then
  have_shipcheck=0
  echo "bench: shipcheck cannot scan for secrets: $why" >&2
  [[ ${PEERS_ONLY:-0} == 1 ]] || bench_fail "nothing to compare; build a shipcheck with 'scan secrets' (or set PEERS_ONLY=1 to time the peer tools alone)"
fi
[[ $have_shipcheck == 1 ]] && bin=$(realpath "$bin")

tree=$(corpus_path "$cache" tree "$size_mb")
ensure_corpus "$tree" tree "$size_mb"

npm_dir=$cache/npm-secretlint-$secretlint_version
secretlint=$npm_dir/node_modules/.bin/secretlint
if [ ! -x "$secretlint" ]; then
  echo "bench: installing secretlint $secretlint_version into $npm_dir..." >&2
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error \
    "secretlint@$secretlint_version" \
    "@secretlint/secretlint-rule-preset-recommend@$preset_version" >&2 ||
    bench_fail "npm install secretlint failed"
fi
echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/secretlintrc.json"

# secretlint on a prefix of the shards when asked; the bytes it scans are counted exactly.
shards=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["shards"])' "$tree.json")
secretlint_globs=("**/*")
if ((secretlint_mb < size_mb)); then
  secretlint_globs=()
  for ((s = 0; s < shards && s * 2 < secretlint_mb; s++)); do
    secretlint_globs+=("$(printf 'shard-%03d/**/*' "$s")")
  done
  ((${#secretlint_globs[@]} > 0)) || secretlint_globs=("shard-000/**/*")
fi
secretlint_dirs=("${secretlint_globs[@]%%/\*\*/\*}")
[[ ${secretlint_globs[0]} == "**/*" ]] && secretlint_dirs=(.)
secretlint_bytes=$(cd "$tree" && find "${secretlint_dirs[@]}" -path ./.git -prune -o -type f -printf '%s\n' |
  awk '{s += $1} END {print s}')

rg_args=()
for p in "${rg_patterns[@]}"; do rg_args+=(-e "$p"); done

tree_mb=$(/usr/bin/python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["bytes"] / 1e6, 1))' "$tree.json")
echo "bench: $tree_mb MB tree, ${runs} timed runs per tool after one warm-up" >&2
if [[ $have_shipcheck == 1 ]]; then
  measure shipcheck "0 1" "$bin" scan secrets "$tree" --format json --output @OUT@ || exit 1
fi
measure rg "0 1" rg -c "${rg_args[@]}" "$tree" || exit 1
measure git-grep "0 1" git -C "$tree" grep -c -i 'password\|secret\|api_key' || exit 1
measure secretlint "0 1" env -C "$tree" "$secretlint" --secretlintrc "$work/secretlintrc.json" \
  --format unix --no-color "${secretlint_globs[@]}" || exit 1

/usr/bin/python3 - "$work" "$tree.json" "$secretlint_bytes" "$have_shipcheck" <<'PY'
import json, re, sys
work, summary, secretlint_bytes, have_ship = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3]), sys.argv[4] == "1"
rows = {}
for line in open(f"{work}/results.tsv"):
    name, secs, rss = line.split("\t")
    rows[name] = {"secs": float(secs), "rss": int(rss) / 1024, "bytes": summary["bytes"]}
rows["secretlint"]["bytes"] = secretlint_bytes

def text(name):
    return open(f"{work}/{name}.stdout", errors="replace").read()

def per_file_counts(name):  # rg -c / git grep -c: "path:count"
    return sum(int(l.rsplit(":", 1)[1]) for l in text(name).splitlines() if ":" in l)

hits = {"rg": per_file_counts("rg"), "git-grep": per_file_counts("git-grep"),
        "secretlint": len(re.findall(r"^\S.*:\d+:\d+: ", text("secretlint"), re.M))}
if have_ship:
    report = json.load(open(f"{work}/shipcheck.report"))
    hits["shipcheck"] = sum(1 for r in report.get("results", []) if r.get("status") == "fail")

labels = {"shipcheck": "shipcheck scan secrets (all rules)", "rg": "rg, 20 secret patterns",
          "git-grep": 'git grep -i "password\\|secret\\|api_key"',
          "secretlint": "secretlint + preset-recommend"}
planted = sum(summary["planted"].values())
print(f"\nsecret scanning, working tree: {summary['bytes'] / 1e6:.1f} MB, {summary['files']} files, "
      f"{planted} planted secrets of {len(summary['planted'])} kinds (MB = 10^6 bytes)")
print(f"{'tool':<38} {'MB':>7} {'seconds':>8} {'MB/s':>8} {'RSS MiB':>8} {'hits':>7}")
for name in ("shipcheck", "rg", "git-grep", "secretlint"):
    if name not in rows:
        print(f"{labels[name]:<38} {'not available':>40}")
        continue
    r = rows[name]
    r["mbs"] = r["bytes"] / 1e6 / r["secs"]
    note = "  (subset)" if r["bytes"] < summary["bytes"] else ""
    print(f"{labels[name]:<38} {r['bytes'] / 1e6:7.1f} {r['secs']:8.3f} {r['mbs']:8.1f} "
          f"{r['rss']:8.1f} {hits[name]:7d}{note}")
print("hits: shipcheck = findings; rg and git grep = matching lines; secretlint = findings")
if rows["secretlint"]["bytes"] < summary["bytes"]:
    print(f"secretlint ran on {rows['secretlint']['bytes'] / 1e6:.1f} MB of the tree (SECRETLINT_MB); "
          "its MB/s is from that subset")
if have_ship:
    s = rows["shipcheck"]["mbs"]
    for peer, target in (("rg", 1.0), ("git-grep", None), ("secretlint", 100.0)):
        ratio = s / rows[peer]["mbs"]
        verdict = "" if target is None else \
            f"   target >= {target:g}x: {'met' if ratio >= target else 'NOT met'}"
        print(f"shipcheck vs {peer:<10} {ratio:8.2f}x throughput{verdict}")
else:
    print("shipcheck: not measured (no working 'scan secrets'); ratios need it")
PY
