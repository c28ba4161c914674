#!/usr/bin/env bash
# `shipcheck probe --targets` over 500 local HTTPS endpoints at once, beside the curl loop
# teams write for the same job, in the same run: endpoints/s of each, the ratio, and
# shipcheck's peak RSS. One nginx on 127.0.0.1 (its own directory under build/bench, stopped
# by the PID recorded when it started) with 10 TLS server blocks on 10 ports, each answering
# 50 paths: https://bench.test:PORT/pN/, 500 distinct URLs. Two of the ten servers send no
# Content-Security-Policy, so both tools have something to find (100 endpoints).
#   bench/probe_many.sh                     best of 3 timed runs after a warm-up, each tool
#   RUNS=1 SERVERS=4 PATHS=25 bench/probe_many.sh
#   JOBS=16 bench/probe_many.sh             shipcheck's --jobs (default: its own, 8)
#   SWEEP="1 2 4 8 16 32" bench/probe_many.sh   also one run of the full rule set per --jobs
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
servers=${SERVERS:-10}
paths=${PATHS:-50}
parallel=${PARALLEL:-8}  # xargs -P of the parallel curl loop
limit=${LIMIT:-600}      # seconds any one command may take
# shellcheck source=bench/secrets_lib.sh
source bench/secrets_lib.sh  # bench_fail, measure
# shellcheck source=bench/nginx_lib.sh
source bench/nginx_lib.sh
for n in "$runs" "$servers" "$paths" "$parallel" "$limit"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || bench_fail "RUNS, SERVERS, PATHS, PARALLEL and LIMIT are whole numbers"
done
[ -x "$bin" ] || bench_fail "$bin does not exist (make build)"
for tool in nginx openssl curl xargs /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || bench_fail "$tool is missing (scripts/bootstrap --deps)"
done
bin=$(realpath "$bin")
jobs_flag=()
[[ -n ${JOBS:-} ]] && jobs_flag=(--jobs "$JOBS")

mkdir -p "${BENCH_DIR:-build/bench}"
work=$(mktemp -d "${BENCH_DIR:-build/bench}/probe-many.XXXXXX")
work=$(realpath "$work")
cleanup() {
  nginx_stop
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

nginx_certificates "$work" bench.test || bench_fail "openssl could not make the certificates"
good_headers='add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header X-Frame-Options "DENY" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header Referrer-Policy "strict-origin-when-cross-origin" always;'
csp='add_header Content-Security-Policy "default-src '"'none'"'; frame-ancestors '"'none'"'" always;'
blocks=""
ports=()
# HDR009 (the Observatory-style grade) also asks the host's port 80 whether it redirects:
# pointed at 127.0.0.1, where nothing listens on 80, it is refused at once. Unresolved, each
# target would wait on the resolver for a name that exists only here.
resolve=(--resolve "bench.test:80:127.0.0.1")
: >"$work/curl.cfg"
echo "cacert = \"$work/ca.pem\"" >>"$work/curl.cfg"
for ((s = 0; s < servers; s++)); do
  port=$(nginx_free_port)
  ports+=("$port")
  resolve+=(--resolve "bench.test:$port:127.0.0.1")
  echo "resolve = \"bench.test:$port:127.0.0.1\"" >>"$work/curl.cfg"
  # The last fifth of the servers (2 of 10) send no CSP.
  server_csp=$csp
  ((s >= servers - servers / 5)) && server_csp=""
  blocks+="
  server {
    listen 127.0.0.1:$port ssl http2;
    server_name bench.test;
    ssl_protocols TLSv1.2 TLSv1.3;
    $good_headers
    $server_csp
    location ~ \"^/p[0-9]+/\$\" {
      default_type application/json;
      return 200 '{\"status\": \"ok\"}';
    }
    location / { return 404; }
  }"
done
nginx_config "$work" auto "$blocks"
nginx_start "$work" "${ports[-1]}" || exit 2

for port in "${ports[@]}"; do
  for ((p = 1; p <= paths; p++)); do
    echo "https://bench.test:$port/p$p/"
  done
done >"$work/targets.txt"
endpoints=$(wc -l <"$work/targets.txt")

# HDR007 is left out: it needs each host's port 80, which a benchmark cannot bind.
realistic=(--only "HDR,TLS,EXP" --skip HDR007)
headers_only=(--only "HDR001,HDR002,HDR003,HDR004,HDR005")
common=(--targets "$work/targets.txt" --cacert "$work/ca.pem" "${resolve[@]}" "${jobs_flag[@]}"
  --format json --output @OUT@)

echo "bench: $endpoints endpoints ($servers servers x $paths paths), $runs timed runs after a warm-up" >&2
export CURL_CFG=$work/curl.cfg
measure shipcheck-all "0 1" timeout "$limit" "$bin" probe "${common[@]}" "${realistic[@]}"
measure shipcheck-hdr "0 1" timeout "$limit" "$bin" probe "${common[@]}" "${headers_only[@]}"
# shellcheck disable=SC2046  # one word per URL
measure curl-seq "0" timeout "$limit" bench/curl_headers.sh $(cat "$work/targets.txt")
measure curl-xargs "0" timeout "$limit" xargs -a "$work/targets.txt" -P "$parallel" -n 1 \
  bench/curl_headers.sh

if [[ -n ${SWEEP:-} ]]; then
  for j in $SWEEP; do
    [[ $j =~ ^[1-9][0-9]*$ ]] || bench_fail "SWEEP is a list of whole numbers"
    start=$(date +%s%N)
    rc=0
    timeout "$limit" "$bin" probe --targets "$work/targets.txt" --cacert "$work/ca.pem" \
      "${resolve[@]}" "${realistic[@]}" --jobs "$j" --format json --output /dev/null || rc=$?
    ((rc <= 1)) || bench_fail "shipcheck probe --jobs $j exited $rc"
    printf 'jobs-%s\t%s\n' "$j" "$(awk -v n="$(($(date +%s%N) - start))" 'BEGIN{printf "%.4f", n/1e9}')" \
      >>"$work/sweep.tsv"
  done
fi

/usr/bin/python3 - "$work" "$endpoints" "$parallel" "${JOBS:-8 (its default)}" <<'PY'
import json, os, sys
work, endpoints, parallel, jobs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(f"{work}/results.tsv"):
    name, secs, rss = line.split("\t")
    rows[name] = (float(secs), int(rss))

def shipcheck_counts(name):
    report = json.load(open(f"{work}/{name}.report"))
    flagged = {r["target"] for r in report["results"]
               if r["rule"] in ("HDR001", "HDR002", "HDR003", "HDR004", "HDR005")
               and r["status"] == "fail"}
    errors = sum(r["status"] == "error" for r in report["results"])
    return len(report["results"]), len(flagged), errors

def curl_counts(name):
    lines = open(f"{work}/{name}.stdout").read().split("\n")
    flagged = {l.split()[0] for l in lines if " missing " in l}
    errors = sum(l.endswith(" unreachable") for l in lines)
    return "-", len(flagged), errors

label = {
    "shipcheck-all": "shipcheck probe --only HDR,TLS,EXP --skip HDR007",
    "shipcheck-hdr": "shipcheck probe --only HDR001..HDR005",
    "curl-seq": "curl -sSI per URL, sequential loop",
    "curl-xargs": f"curl -sSI per URL, xargs -P {parallel}",
}
print(f"{endpoints} endpoints on one local nginx, same run, best of the timed runs; "
      f"shipcheck --jobs {jobs}")
print(f"{'tool':44} {'s':>7} {'endpoints/s':>12} {'peak RSS':>9} {'results':>8} {'flagged':>8} {'errors':>7}")
for name in label:
    secs, rss = rows[name]
    results, flagged, errors = (shipcheck_counts if name.startswith("shipcheck") else curl_counts)(name)
    print(f"{label[name]:44} {secs:7.2f} {endpoints / secs:12.0f} {rss / 1024:5.0f} MiB "
          f"{results:>8} {flagged:>8} {errors:>7}")
print()
print("flagged: endpoints missing one of the five headers (expected: the 2 servers without CSP,")
print("  100 endpoints at the defaults); errors: results or URLs that got no answer")
hdr, seq, par, full = (rows[n][0] for n in ("shipcheck-hdr", "curl-seq", "curl-xargs", "shipcheck-all"))
print(f"the curl loop's checks (HDR001..HDR005): shipcheck {seq / hdr:.1f}x the sequential loop, "
      f"{par / hdr:.1f}x xargs -P {parallel}")
print(f"HDR, TLS, EXP (19 rules; HDR007 left out, it needs port 80): {endpoints / full:.0f} "
      f"endpoints/s, {par / full:.2f}x the parallel curl loop that checks only headers")
if os.path.exists(f"{work}/sweep.tsv"):
    print()
    print("--jobs sweep, full rule set, one run each:")
    for line in open(f"{work}/sweep.tsv"):
        name, secs = line.split("\t")
        print(f"  {name:8} {float(secs):7.2f} s {endpoints / float(secs):8.0f} endpoints/s")
PY
