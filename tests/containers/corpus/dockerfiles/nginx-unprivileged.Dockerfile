FROM nginxinc/nginx-unprivileged:1.27.0-alpine3.19@sha256:9e0d3a7b5c1f28469e0d3a7b5c1f28469e0d3a7b5c1f28469e0d3a7b5c1f2846
COPY --chown=101:101 site/ /usr/share/nginx/html/
COPY nginx/security-headers.conf nginx/gzip.conf /etc/nginx/conf.d/
USER 101
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/healthz"]
