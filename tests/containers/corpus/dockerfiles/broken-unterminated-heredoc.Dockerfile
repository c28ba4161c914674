# syntax=docker/dockerfile:1
FROM alpine:3.20@sha256:4b6d8f0a2c3e51794b6d8f0a2c3e51794b6d8f0a2c3e51794b6d8f0a2c3e5179
RUN <<EOF
apk add --no-cache curl=8.8.0-r0
adduser -D -u 10001 app
EOT
USER app
CMD ["curl", "--version"]
