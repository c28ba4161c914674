#!/usr/bin/env bash
# shipcheck probe against testssl.sh (Debian's `testssl`) on the same local nginx, in the
# same run: time per host and whether both reach the same protocol and certificate
# verdicts. Two servers: a modern one (TLS 1.2 and 1.3) and a legacy one (TLS 1.0 to 1.3).
# Target: the same verdicts, shipcheck at least 50x faster.
#   bench/probe_tls.sh            3 timed runs of shipcheck, 1 of testssl per server
#   RUNS=5 bench/probe_tls.sh
# nginx runs from this script on 127.0.0.1 with its own directory; it is stopped by the PID
# the script recorded when it started it.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${SHIPCHECK:-build/shipcheck}
runs=${RUNS:-3}
fail() {
  echo "bench: $*" >&2
  exit 2
}
[[ $runs =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a whole number"
[ -x "$bin" ] || fail "$bin does not exist (make build)"
for tool in nginx openssl testssl /usr/bin/python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/bootstrap --deps)"
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

nginx_certificates "$work" bench.test || fail "openssl could not make the certificates"
modern_port=$(nginx_free_port)
legacy_port=$(nginx_free_port)
nginx_config "$work" 1 "  server {
    listen 127.0.0.1:$modern_port ssl;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { return 200 'ok'; }
  }
  server {
    listen 127.0.0.1:$legacy_port ssl;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_ciphers DEFAULT:@SECLEVEL=0;
    location / { return 200 'ok'; }
  }"
nginx_start "$work" "$legacy_port" || exit 2

now_ns() { date +%s%N; }

# shipcheck: the TLS family only, what testssl is asked for too.
time_shipcheck() {  # name port -> seconds of the best run; report in $work/NAME.shipcheck.json
  local name=$1 port=$2 best=0 i start ns rc
  for ((i = 0; i <= runs; i++)); do
    start=$(now_ns)
    rc=0
    "$bin" probe "https://bench.test:$port/" --cacert "$work/ca.pem" \
      --resolve "bench.test:$port:127.0.0.1" --only TLS --format json \
      --output "$work/$name.shipcheck.json" >/dev/null 2>&1 || rc=$?
    ns=$(($(now_ns) - start))
    ((rc <= 1)) || fail "shipcheck probe exited $rc on the $name server"
    if ((i > 0)) && ((best == 0 || ns < best)); then best=$ns; fi  # run 0 warms up
  done
  awk -v n="$best" 'BEGIN{printf "%.3f", n/1e9}'
}

# testssl: protocols (-p) and the server's certificate (-S), the same ground as TLS001-004.
time_testssl() {  # name port -> seconds; findings in $work/NAME.testssl.json
  local name=$1 port=$2 start ns
  start=$(now_ns)
  testssl --quiet --warnings off --color 0 --protocols --server-defaults \
    --ip 127.0.0.1 --add-ca "$work/ca.pem" --jsonfile "$work/$name.testssl.json" \
    "https://bench.test:$port/" >"$work/$name.testssl.out" 2>&1 || true
  ns=$(($(now_ns) - start))
  [ -s "$work/$name.testssl.json" ] || fail "testssl wrote no JSON for the $name server: $(tail -5 "$work/$name.testssl.out")"
  awk -v n="$ns" 'BEGIN{printf "%.3f", n/1e9}'
}

echo "bench: shipcheck $runs timed runs after a warm-up, testssl once, per server" >&2
declare -A secs
for name in modern legacy; do
  port=${name}_port
  secs[$name.shipcheck]=$(time_shipcheck "$name" "${!port}")
  echo "  $name: shipcheck ${secs[$name.shipcheck]} s" >&2
  secs[$name.testssl]=$(time_testssl "$name" "${!port}")
  echo "  $name: testssl ${secs[$name.testssl]} s" >&2
done

/usr/bin/python3 - "$work" "${secs[modern.shipcheck]}" "${secs[modern.testssl]}" \
  "${secs[legacy.shipcheck]}" "${secs[legacy.testssl]}" <<'PY'
import json, sys
work = sys.argv[1]
times = {"modern": (float(sys.argv[2]), float(sys.argv[3])),
         "legacy": (float(sys.argv[4]), float(sys.argv[5]))}

def ours(name):
    report = json.load(open(f"{work}/{name}.shipcheck.json"))
    by_rule = {r["rule"]: r for r in report["results"]}
    accepted = by_rule["TLS001"]["evidence"].removeprefix("accepted: ").split(", ")
    return {
        "TLS 1.0 offered": "TLSv1" in accepted,
        "TLS 1.1 offered": "TLSv1.1" in accepted,
        "TLS 1.2 offered": "TLSv1.2" in accepted,
        "TLS 1.3 offered": "TLSv1.3" in accepted,
        "chain trusted": by_rule["TLS002"]["status"] == "pass",
        "host name matches": by_rule["TLS003"]["status"] == "pass",
        "expiry ok (>= 30 days)": by_rule["TLS004"]["status"] == "pass",
    }

def theirs(name):
    findings = json.load(open(f"{work}/{name}.testssl.json"))
    by_id = {}
    for f in findings:
        by_id.setdefault(f["id"], f["finding"])
    def offered(key):
        return by_id.get(key, "").startswith("offered")
    # "89 >= 60 days": the days left come first.
    days = by_id.get("cert_expirationStatus", "0").split()[0]
    return {
        "TLS 1.0 offered": offered("TLS1"),
        "TLS 1.1 offered": offered("TLS1_1"),
        "TLS 1.2 offered": offered("TLS1_2"),
        "TLS 1.3 offered": offered("TLS1_3"),
        "chain trusted": "passed" in by_id.get("cert_chain_of_trust", ""),
        "host name matches": by_id.get("cert_trust", "").lower().startswith("ok via"),
        "expiry ok (>= 30 days)": days.isdigit() and int(days) >= 30,
    }

agree_all = True
print("TLS verdicts, shipcheck probe vs testssl.sh, same nginx, same run")
print(f"{'server':8} {'verdict':24} {'shipcheck':>10} {'testssl':>10}")
for name in ("modern", "legacy"):
    a, b = ours(name), theirs(name)
    for key in a:
        same = a[key] == b[key]
        agree_all &= same
        print(f"{name:8} {key:24} {str(a[key]):>10} {str(b[key]):>10}{'' if same else '   DIFFERENT'}")
print()
print(f"{'server':8} {'shipcheck s':>12} {'testssl s':>10} {'ratio':>8}")
worst = None
for name, (ours_s, theirs_s) in times.items():
    ratio = theirs_s / max(ours_s, 0.001)
    worst = ratio if worst is None else min(worst, ratio)
    print(f"{name:8} {ours_s:12.3f} {theirs_s:10.3f} {ratio:7.0f}x")
print()
print(f"same verdicts: {'yes' if agree_all else 'NO'}")
print(f"target >= 50x faster with the same verdicts: {'met' if agree_all and worst >= 50 else 'NOT met'} "
      f"({worst:.0f}x on the slower server)")
sys.exit(0 if agree_all else 1)
PY
