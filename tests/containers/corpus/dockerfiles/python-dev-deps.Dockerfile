FROM python:3.12-slim@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082 AS test
WORKDIR /src
COPY requirements.txt requirements-dev.txt ./
RUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt
COPY . .
RUN python -m pytest -q

FROM python:3.12-slim@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082
WORKDIR /srv
COPY requirements.txt requirements-dev.txt /srv
RUN pip install --no-cache-dir -r requirements.txt \
 && pip install --no-cache-dir -r requirements-dev.txt
COPY --from=test /src/app ./app
RUN useradd -u 10001 api
USER api
HEALTHCHECK CMD ["python", "-m", "app.health"]
CMD ["python", "-m", "app"]
