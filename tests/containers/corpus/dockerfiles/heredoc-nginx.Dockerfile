# syntax=docker/dockerfile:1
FROM nginxinc/nginx-unprivileged:1.27.0-alpine3.19@sha256:9e0d3a7b5c1f28469e0d3a7b5c1f28469e0d3a7b5c1f28469e0d3a7b5c1f2846

COPY <<robots.txt <<humans.txt /usr/share/nginx/html/
User-agent: *
Disallow: /admin/
robots.txt
/* TEAM */
Shop web team
humans.txt

COPY <<'CONF' /etc/nginx/conf.d/default.conf
server {
    listen 8080;
    root /usr/share/nginx/html;
    location /healthz { return 200 "ok"; }
    location / { try_files $uri $uri/ /index.html; }
}
CONF

RUN <<SCRIPT bash
set -euo pipefail
find /usr/share/nginx/html -name '*.map' -print | xargs -r rm -f
SCRIPT

USER 101
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/healthz"]
