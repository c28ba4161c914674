# syntax=docker/dockerfile:1.7
FROM python:3.12-slim-bookworm@sha256:6d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a4

RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl
rm -rf /var/lib/apt/lists/*
EOF

RUN <<EOF
set -eu
curl -fsSL https://astral.sh/uv/0.2.24/install.sh | sh
EOF

COPY <<EOF /etc/gunicorn.conf.py
bind = "0.0.0.0:8000"
workers = 4
accesslog = "-"
EOF

WORKDIR /srv
COPY requirements.lock ./
RUN <<-EOT
	pip install --no-cache-dir -r requirements.lock
	useradd --uid 10001 --no-create-home svc
	EOT

USER svc
HEALTHCHECK CMD ["curl", "-fsS", "http://127.0.0.1:8000/health"]
CMD ["gunicorn", "-c", "/etc/gunicorn.conf.py", "svc.app:app"]
