#!/usr/bin/env bash
# The peer of bench/probe_many.sh: the check teams write by hand for "every endpoint sends
# the security headers", one `curl -sSI` per URL. Prints "URL missing NAME" for each absent
# header and "URL unreachable" when curl fails. Headers are matched in bash, so the time is
# curl's, not grep's. $CURL_CFG is a curl config file (--cacert, --resolve ...).
#   bench/curl_headers.sh URL...
set -uo pipefail
for url; do
  if ! head=$(curl -sSI --max-time 10 -K "$CURL_CFG" "$url" 2>&1); then
    echo "$url unreachable"
    continue
  fi
  head=${head,,}
  for name in strict-transport-security content-security-policy x-frame-options \
    x-content-type-options referrer-policy; do
    [[ $head == *$'\n'"$name:"* ]] || echo "$url missing $name"
  done
done
