# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY <<-"CONF" /etc/app/app.conf
	listen = 8080
	user = $USER
	CONF
RUN <<A cat > /a && <<B cat > /b
alpha
A
beta
B
RUN python3 <<'PY'
print("hi")
PY
