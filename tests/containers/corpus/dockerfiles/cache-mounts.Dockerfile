# syntax=docker/dockerfile:1.7
FROM python:3.12-slim-bookworm@sha256:6d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a4 AS build
RUN rm -f /etc/apt/apt.conf.d/docker-clean
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.7-0+deb12u1
WORKDIR /build
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip wheel -r requirements.txt -w /wheels

FROM python:3.12-slim-bookworm@sha256:6d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a46d2a9c0f11b7e3a4
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends libpq5
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    --mount=type=cache,target=/root/.cache/pip \
    pip install --no-index --find-links=/wheels -r /wheels/requirements.txt
RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf \
    pip install --no-cache-dir shop-internal-sdk==4.2.0
RUN useradd --system --uid 10001 api
USER api
HEALTHCHECK CMD ["python", "-m", "api.health"]
CMD ["python", "-m", "api"]
