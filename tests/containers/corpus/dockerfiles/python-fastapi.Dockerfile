# syntax=docker/dockerfile:1.7
# FastAPI service: wheels built in a builder stage, slim runtime, non-root user.
FROM python:3.12-slim-bookworm@sha256:6d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a4 AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim-bookworm@sha256:6d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a4

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    APP_HOME=/srv/app

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /srv/app app

WORKDIR $APP_HOME
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/*.whl && rm -rf /wheels
COPY --chown=app:app app/ ./app/

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]
