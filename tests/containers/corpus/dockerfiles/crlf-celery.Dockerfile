FROM python:3.11-slim-bookworm@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082

# Saved on Windows: every line ends in CRLF, continuations included.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libmagic1=1:5.44-3 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .

RUN useradd --uid 10001 worker
USER worker
CMD ["celery", "-A", "tasks", "worker", "--loglevel=INFO"]
