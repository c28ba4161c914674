FROM python:3.12-slim@sha256:3e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f60823e5a7c9b1d4f6082
WORKDIR /srv
COPY dist/*.whl ./
RUN pip install --no-cache-dir ./*.whl && useradd -u 10001 svc
USER svc
HEALTHCHECK CMD ["python", "-m", "svc.health", "--quick"]
CMD ["python", "-m", "svc", "--dev"]
ENTRYPOINT ["tini", "--"]
HEALTHCHECK --interval=5s CMD ["python", "-m", "svc.health"]
CMD ["python", "-m", "svc"]
