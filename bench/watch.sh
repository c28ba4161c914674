#!/usr/bin/env bash
# The watch loop's own overhead: `shipcheck watch` with 20 triggers at a 1 s interval for
# DURATION seconds against a local nginx (health endpoint and a static /metrics), beside the
# glue script teams write instead (curl for the health endpoint and /metrics once a second,
# grep and awk on what comes back), in the same run. Prints each one's CPU time (user + sys)
# as a share of one core. Target: shipcheck <= 1 % CPU.
#   bench/watch.sh                  30 s each
#   DURATION=60 bench/watch.sh
# nginx runs from this script on 127.0.0.1 with its own directory; it is stopped by the PID
# the script recorded when it started it.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${SHIPCHECK:-build/shipcheck}
duration=${DURATION:-30}
fail() {
  echo "bench: $*" >&2
  exit 2
}
[[ $duration =~ ^[1-9][0-9]*$ ]] || fail "DURATION must be whole seconds"
[ -x "$bin" ] || fail "$bin does not exist (make build)"
for tool in nginx curl /usr/bin/python3; do
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
nginx_certificates "$work" bench.test || fail "openssl could not make the certificates"
port=$(nginx_free_port)
# A /metrics that a real exporter would serve: request counters by status and a latency
# histogram (static: the rates are 0, the work of reading them is the same).
{
  echo '# TYPE http_requests_total counter'
  for status in 200 201 204 301 400 401 404 500 502 503; do
    echo "http_requests_total{method=\"GET\",route=\"/api\",status=\"$status\"} 12345"
  done
  echo '# TYPE http_request_duration_seconds histogram'
  for le in 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 +Inf; do
    echo "http_request_duration_seconds_bucket{method=\"GET\",route=\"/api\",le=\"$le\"} 1000"
  done
  echo 'http_request_duration_seconds_sum{method="GET",route="/api"} 12.5'
  echo 'http_request_duration_seconds_count{method="GET",route="/api"} 1000'
} >"$work/metrics"
nginx_config "$work" 1 "  server {
    listen 127.0.0.1:$port;
    location = /health { return 200 '{\"status\": \"healthy\"}'; }
    location = /metrics { default_type text/plain; alias $work/metrics; }
  }"
nginx_start "$work" "$port"

triggers=""
for i in $(seq 1 5); do
  triggers+="    - error_rate > ${i}0% for 5m"$'\n'
  triggers+="    - p9$i > 2s for 5m"$'\n'
  triggers+="    - avg_latency > ${i}s for 5m"$'\n'
  triggers+="    - rps < 0.00$i for 5m"$'\n'
done
mkdir -p "$work/project"
cat >"$work/project/shipcheck.yaml" <<YAML
service: bench
url: http://127.0.0.1:$port
endpoints: {health: /health}
watch:
  rollback_when:
$triggers
YAML
[[ $(grep -c ' for 5m' "$work/project/shipcheck.yaml") == 20 ]] || fail "expected 20 triggers"

# Runs a command; prints its CPU seconds (user + sys, of it and its children: getrusage,
# microsecond resolution, where /usr/bin/time rounds to 10 ms) and its wall seconds.
measure() {
  /usr/bin/python3 -c '
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime, time.monotonic() - start)' "$@"
}
cpu_share() {  # seconds of CPU, over the wall time, as a percentage of one core
  /usr/bin/python3 -c "print(f'{100 * $1 / $2:.2f}')"
}

read -r cpu wall < <(measure "$bin" watch "$work/project" --for "${duration}s" --interval 1s)
shipcheck_cpu=$(cpu_share "$cpu" "$wall")

cat >"$work/glue.sh" <<SH
end=\$((SECONDS + $duration))
while ((SECONDS < end)); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || echo down
  curl -fsS "http://127.0.0.1:$port/metrics" | grep '^http_requests_total' |
    awk '{ s += \$2 } END { print s }' >/dev/null
  sleep 1
done
SH
read -r cpu wall < <(measure bash "$work/glue.sh")
glue_cpu=$(cpu_share "$cpu" "$wall")

echo "watch for ${duration}s at a 1 s interval, one local nginx"
printf '  %-52s %8s\n' "" "% CPU" \
  "shipcheck watch, 20 triggers (scrape + health)" "$shipcheck_cpu" \
  "curl + grep + awk loop (health + /metrics, 1 signal)" "$glue_cpu"
echo "target: shipcheck <= 1 % CPU: $shipcheck_cpu %" \
  "($(/usr/bin/python3 -c "print(f'{$shipcheck_cpu / max($glue_cpu, 0.01):.2f}')")x the glue script)"
