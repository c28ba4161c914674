ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim AS base
ENV PYTHONUNBUFFERED=1 \
    POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_IN_PROJECT=true \
    PIP_NO_CACHE_DIR=off
WORKDIR /app

FROM base AS runtime
RUN pip install "poetry==${POETRY_VERSION}"
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --no-interaction
COPY . .
RUN poetry install --only-root
RUN adduser --system --uid 999 --group shop
USER shop
HEALTHCHECK CMD ["/app/.venv/bin/python", "manage.py", "check", "--deploy"]
ENTRYPOINT ["/app/.venv/bin/gunicorn", "shop.wsgi"]
