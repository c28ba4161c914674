#!/usr/bin/env bash
# Container and orchestration linting throughput, in one run on one generated corpus of
# 10,000 files (4,000 Dockerfiles, 2,000 compose files, 4,000 Kubernetes manifests; seeded,
# bench/gen_containers_corpus.py):
#   shipcheck scan containers (every DKR, CMP and K8S rule) on one core   vs
#   hadolint on the Dockerfiles, when it is installed (it cannot be obtained here), and
#   dockerfilelint (npm; installed under the cache on first use) on the same Dockerfiles.
# Each tool runs once to warm the page cache, then RUNS times; the best run counts.
# Target from the containers issue: >= 5,000 files/s on one core. It is reported, not
# enforced: the numbers are the result.
#
#   bench/containers.sh [FILES]          (default 10000)
# Environment:
#   SHIPCHECK=build/shipcheck   binary under test
#   BENCH_DIR=build/bench       cache for the corpus and the npm install (never a tracked path)
#   RUNS=3                      timed runs per tool (best of)
#   CPU=0                       the core every tool is pinned to (taskset -c)
# Exit: 0 when every tool that can run here ran; 1 when a tool failed; 2 when shipcheck has
# no working `scan containers` or setup failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/secrets_lib.sh

files=${1:-10000}
bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
cpu=${CPU:-0}
dockerfilelint_version=1.8.0
[[ $files =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ && $cpu =~ ^[0-9]+$ ]] ||
  bench_fail "FILES, RUNS and CPU must be whole numbers"
for tool in taskset /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || bench_fail "$tool is missing (scripts/bootstrap --deps)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$(bench_cache_dir)

# `scan containers` must run: 0, 1 or 2 on a directory with one Dockerfile, with a report.
[ -x "$bin" ] || bench_fail "$bin does not exist (make build)"
bin=$(realpath "$bin")
mkdir -p "$work/probe"
printf 'FROM alpine:3.20\n' > "$work/probe/Dockerfile"
rc=0
"$bin" scan containers "$work/probe" --format json --output "$work/probe.json" \
  > "$work/probe.out" 2>&1 || rc=$?
if [[ $rc -gt 2 || ! -s $work/probe.json ]]; then
  bench_fail "'$bin scan containers' exits $rc without a report: $(head -c 300 "$work/probe.out")"
fi

# The corpus is rebuilt when the generator changes: its hash is part of the cache key.
key=$(sha1sum bench/gen_containers_corpus.py | cut -c1-10)
corpus=$cache/containers-$files-$key
if [ ! -f "$corpus.json" ]; then
  rm -rf "$corpus"
  echo "bench: generating $files files in $corpus (cached for later runs)..." >&2
  /usr/bin/python3 bench/gen_containers_corpus.py "$corpus" "$files" > "$corpus.json.tmp" ||
    bench_fail "corpus generation failed"
  mv "$corpus.json.tmp" "$corpus.json"
fi
mapfile -t dockerfiles < "$corpus/dockerfiles.txt"

# measure_cpu NAME OK_EXIT_CODES CMD... (bench/secrets_lib.sh's measure, plus CPU time): runs CMD once
# to warm the page cache, then $runs times; appends "NAME<TAB>best wall s<TAB>peak RSS KiB
# <TAB>best user+sys s" to $work/results.tsv. On a shared machine the CPU seconds are the
# steadier number: other work on the core stretches the wall time, not the CPU time.
measure_cpu() {
  local name=$1 ok=" $2 "
  shift 2
  local i rc start end ns best=0 rss=0 cpu_best="" r cpu out report
  for ((i = 0; i <= runs; i++)); do
    out=/dev/null report=/dev/null
    if ((i == 0)); then out=$work/$name.stdout report=$work/$name.report; fi
    local args=("${@//@OUT@/$report}")
    rc=0
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$work/$name.time" "${args[@]}" > "$out" 2> "$work/$name.stderr" || rc=$?
    end=$(date +%s%N)
    if [[ $ok != *" $rc "* ]]; then
      echo "bench: $name failed (exit $rc): ${args[*]}" >&2
      tail -n 5 "$work/$name.stderr" >&2
      return 1
    fi
    read -r r cpu < <(tail -n 1 "$work/$name.time" | awk '{print $1, $2 + $3}')
    ((r > rss)) && rss=$r
    ns=$((end - start))
    if ((i > 0)); then
      if ((best == 0 || ns < best)); then best=$ns; fi
      if [[ -z $cpu_best ]] || awk -v a="$cpu" -v b="$cpu_best" 'BEGIN{exit !(a < b)}'; then cpu_best=$cpu; fi
    fi
    printf '  %-16s run %d: %6.2f s wall, %6.2f s CPU\n' "$name" "$i" \
      "$(awk -v n="$ns" 'BEGIN{print n/1e9}')" "$cpu" >&2
  done
  printf '%s\t%s\t%s\t%s\n' "$name" "$(awk -v n="$best" 'BEGIN{printf "%.4f", n/1e9}')" "$rss" \
    "$cpu_best" >> "$work/results.tsv"
}

echo "bench: $files files, ${runs} timed runs per tool after one warm-up, pinned to CPU $cpu" >&2
echo "bench: load average now: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)" >&2
# Exit 1 is expected (the corpus has findings); 2 would mean a generated file did not parse.
measure_cpu shipcheck "0 1" taskset -c "$cpu" "$bin" scan containers "$corpus" --jobs 1 \
  --format json --output @OUT@ || exit 1
# The Dockerfiles alone, for a like-for-like ratio with the Dockerfile-only peers.
measure_cpu shipcheck-docker "0 1" taskset -c "$cpu" "$bin" scan containers "$corpus/docker" \
  --jobs 1 --format json --output /dev/null || exit 1

hadolint_note="cannot be obtained here: not packaged in Debian 12, not on npm, and its GitHub releases and PyPI wheels are not reachable from this machine"
if command -v hadolint >/dev/null; then
  hadolint_note=""
  measure_cpu hadolint "0 1" env -C "$corpus" taskset -c "$cpu" hadolint --no-fail \
    "${dockerfiles[@]}" || exit 1
fi

npm_dir=$cache/npm-dockerfilelint-$dockerfilelint_version
dockerfilelint=$npm_dir/node_modules/.bin/dockerfilelint
dockerfilelint_note=""
if [ ! -x "$dockerfilelint" ] && command -v npm >/dev/null; then
  echo "bench: installing dockerfilelint $dockerfilelint_version into $npm_dir..." >&2
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error \
    "dockerfilelint@$dockerfilelint_version" >&2 || bench_fail "npm install dockerfilelint failed"
fi
if [ -x "$dockerfilelint" ]; then
  # Its exit code is the number of issues modulo 256, so any code is accepted here and its
  # JSON output is checked instead (below: one entry per Dockerfile).
  measure_cpu dockerfilelint "$(seq -s ' ' 0 255)" env -C "$corpus" taskset -c "$cpu" \
    "$dockerfilelint" -j "${dockerfiles[@]}" || exit 1
else
  dockerfilelint_note="not measured: npm is missing (Node.js runs dockerfilelint)"
fi

/usr/bin/python3 - "$work" "$corpus.json" "$hadolint_note" "$dockerfilelint_note" <<'PY'
import json, sys
work, summary, hadolint_note, dfl_note = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
rows = {}
for line in open(f"{work}/results.tsv"):
    name, secs, rss, cpu = line.split("\t")
    rows[name] = {"secs": float(secs), "rss": int(rss) / 1024, "cpu": max(float(cpu), 0.001)}
kinds = summary["kinds"]
docker_files, docker_bytes = kinds["dockerfile"]
scope = {"shipcheck": (summary["files"], summary["bytes"]),
         "shipcheck-docker": (docker_files, docker_bytes),
         "hadolint": (docker_files, docker_bytes), "dockerfilelint": (docker_files, docker_bytes)}
report = json.load(open(f"{work}/shipcheck.report"))
if "dockerfilelint" in rows:
    try:
        linted = len(json.load(open(f"{work}/dockerfilelint.stdout"))["files"])
    except (ValueError, KeyError) as e:
        sys.exit(f"bench: dockerfilelint did not write its JSON report ({e})")
    if linted != docker_files:
        sys.exit(f"bench: dockerfilelint reported on {linted} of {docker_files} Dockerfiles")
findings = sum(1 for r in report.get("results", []) if r.get("status") in ("fail", "warn"))
parse_failures = sum(1 for r in report.get("results", [])
                     if r.get("rule") in ("DKR001", "CMP001", "K8S001") and r.get("status") == "fail")
print(f"\ncontainer linting, one core: {summary['files']} files, {summary['bytes'] / 1e6:.1f} MB "
      f"({kinds['dockerfile'][0]} Dockerfiles, {kinds['compose'][0]} compose files, "
      f"{kinds['kubernetes'][0]} Kubernetes manifests; MB = 10^6 bytes)")
load = open("/proc/loadavg").read().split()[:3]
print(f"load average at the end: {' '.join(load)}; 'files/s' is by wall time (best run), "
      f"'CPU files/s' by the user+sys time of the best run")
print(f"{'tool':<40} {'files':>6} {'seconds':>8} {'files/s':>9} {'MB/s':>7} {'CPU s':>7} "
      f"{'CPU files/s':>11} {'RSS MiB':>8}")
labels = {"shipcheck": "shipcheck scan containers --jobs 1",
          "shipcheck-docker": "shipcheck, the Dockerfiles only", "hadolint": "hadolint (Dockerfiles only)",
          "dockerfilelint": "dockerfilelint 1.8.0 (Dockerfiles only)"}
for name in ("shipcheck", "shipcheck-docker", "hadolint", "dockerfilelint"):
    if name not in rows:
        note = hadolint_note if name == "hadolint" else dfl_note
        print(f"{labels[name]:<40} {note}")
        continue
    r = rows[name]
    n, b = scope[name]
    r["fps"] = n / r["secs"]
    r["cfps"] = n / r["cpu"]
    print(f"{labels[name]:<40} {n:6d} {r['secs']:8.3f} {r['fps']:9.0f} {b / 1e6 / r['secs']:7.1f} "
          f"{r['cpu']:7.2f} {r['cfps']:11.0f} {r['rss']:8.1f}")
s = rows["shipcheck"]
print(f"shipcheck: {findings} findings (fail/warn), {parse_failures} files that did not parse")
if findings == 0:
    sys.exit("bench: shipcheck reported nothing on a corpus full of defects: it did not see the files")
print(f"target >= 5,000 files/s on one core: {'met' if s['fps'] >= 5000 else 'NOT met'} "
      f"({s['fps']:.0f} files/s by wall time, {s['cfps']:.0f} by CPU time)")
for peer in ("hadolint", "dockerfilelint"):
    if peer in rows:
        d = rows["shipcheck-docker"]
        print(f"shipcheck vs {peer:<15} {d['fps'] / rows[peer]['fps']:8.2f}x files/s by wall time, "
              f"{d['cfps'] / rows[peer]['cfps']:.2f}x by CPU time (both on the same {docker_files} Dockerfiles)")
PY
