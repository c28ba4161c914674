FROM python:3.11-slim@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082
ENV PIP_NO_CACHE_DIR=1 PIPENV_VENV_IN_PROJECT=1
RUN pip install pipenv==2024.0.1
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --deploy --dev
COPY . .
RUN useradd -u 10001 app
USER app
HEALTHCHECK CMD ["/app/.venv/bin/python", "-m", "app.health"]
CMD ["/app/.venv/bin/python", "-m", "app"]
