#!/usr/bin/env bash
# shipcheck load against wrk, hey and ab on one local nginx (static 200, access_log off, one
# worker), in the same run, interleaved: wrk and shipcheck with one thread and 50 connections
# for DURATION each, RUNS times, then ab and hey, then the per-request overhead at one
# connection, then shipcheck's peak RSS for a DURATION run and a 60 s run.
# nginx is pinned to CPU 0 and every load generator to CPU 1 (when there are two CPUs).
# Target: shipcheck >= 1.0x wrk (closed model, -t1 -c50); RSS not growing with duration.
#   bench/load.sh                       3 runs of 10 s each, then the memory runs
#   RUNS=5 DURATION=20 bench/load.sh
#   MEMORY=0 bench/load.sh              without the 60 s memory run
# nginx runs from this script on 127.0.0.1 with its own directory; it is stopped by the PID
# the script recorded when it started it.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
duration=${DURATION:-10}
memory=${MEMORY:-1}
fail() {
  echo "bench: $*" >&2
  exit 2
}
[[ $runs =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a whole number"
[[ $duration =~ ^[1-9][0-9]*$ ]] || fail "DURATION must be whole seconds"
[ -x "$bin" ] || fail "$bin does not exist (make build)"
for tool in nginx wrk hey ab /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/bootstrap)"
done
bin=$(realpath "$bin")

# shellcheck source=bench/nginx_lib.sh
source bench/nginx_lib.sh
work=$(mktemp -d)
cleanup() {
  nginx_stop
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

server_cpu=() load_cpu=()
if (($(nproc) >= 2)); then
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
fi
nginx_certificates "$work" bench.test || fail "openssl could not make the certificates"
port=$(nginx_free_port)
nginx_config "$work" 1 "  server {
    listen 127.0.0.1:$port;
    location / { return 200 'ok'; }
  }"
nginx_start_pinned() {
  local i
  "${server_cpu[@]}" nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" >"$work/nginx.out" 2>&1 &
  nginx_pid=$!
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  fail "nginx did not start: $(cat "$work/nginx.out" "$work/error.log" 2>/dev/null)"
}
nginx_start_pinned
url="http://127.0.0.1:$port/"

# Each prints requests per second.
run_wrk() { "${load_cpu[@]}" wrk -t1 -c"$1" -d"${duration}s" "$url" | awk '/^Requests\/sec/ {print $2}'; }
run_shipcheck() {
  "${load_cpu[@]}" "$bin" load "$url" --threads 1 --connections "$1" --duration "${duration}s" \
    --format json --quiet | /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["rps"], 1))'
}
run_hey() { "${load_cpu[@]}" hey -c "$1" -z "${duration}s" "$url" | awk '/Requests\/sec/ {print $2}'; }
run_ab() {
  "${load_cpu[@]}" ab -k -q -c "$1" -t "$duration" -n 100000000 "$url" 2>/dev/null |
    awk '/^Requests per second/ {print $4}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ratio() { /usr/bin/python3 -c "print(f'{$1 / $2:.2f}')"; }

echo "nginx 1 worker on CPU 0; load generators on CPU 1; ${duration}s per run, $runs runs"
declare -a wrk50=() sc50=()
for ((r = 1; r <= runs; r++)); do
  wrk50+=("$(run_wrk 50)")
  sc50+=("$(run_shipcheck 50)")
  echo "  run $r: wrk ${wrk50[-1]} req/s, shipcheck ${sc50[-1]} req/s"
done
w=$(median "${wrk50[@]}")
s=$(median "${sc50[@]}")
a=$(run_ab 50)
h=$(run_hey 50)
echo
echo "-c 50, one thread (median of $runs)   req/s      x wrk"
printf '  %-32s %10s %8s\n' wrk "$w" 1.00 shipcheck "$s" "$(ratio "$s" "$w")" \
  "ab -k" "$a" "$(ratio "$a" "$w")" hey "$h" "$(ratio "$h" "$w")"

w1=$(run_wrk 1)
s1=$(run_shipcheck 1)
a1=$(run_ab 1)
echo
echo "-c 1 (per-request overhead)          req/s      x wrk"
printf '  %-32s %10s %8s\n' wrk "$w1" 1.00 shipcheck "$s1" "$(ratio "$s1" "$w1")" \
  "ab -k" "$a1" "$(ratio "$a1" "$w1")"

if [[ $memory == 1 ]]; then
  rss() {
    /usr/bin/time -f '%M' -o "$work/rss" "${load_cpu[@]}" "$bin" load "$url" --threads 1 \
      --connections 50 --duration "$1" --quiet >/dev/null
    cat "$work/rss"
  }
  short=$(rss "${duration}s")
  long=$(rss 60s)
  echo
  echo "peak RSS of shipcheck load -c 50: ${short} KiB for ${duration}s, ${long} KiB for 60s" \
    "($(ratio "$long" "$short")x; target within 1.10x)"
fi
echo
echo "target: shipcheck >= 1.00x wrk at -c 50: $(ratio "$s" "$w")x"
